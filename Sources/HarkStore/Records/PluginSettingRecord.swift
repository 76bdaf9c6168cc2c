// A row of `plugin_setting`: whether a plugin takes part in coding runs, and
// the options it is given. A plugin without a row is enabled with "{}".
import GRDB

struct PluginSettingRecord: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "plugin_setting"

  var pluginID: String
  var enabled = true
  var options = "{}"

  enum CodingKeys: String, CodingKey {
    case enabled, options
    case pluginID = "plugin_id"
  }

  /// The plugin's row, or the default it has without one.
  static func find(_ db: Database, plugin: String) throws -> PluginSettingRecord {
    try fetchOne(db, key: plugin) ?? PluginSettingRecord(pluginID: plugin)
  }

  var setting: PluginSetting { PluginSetting(enabled: enabled, options: options) }
}
