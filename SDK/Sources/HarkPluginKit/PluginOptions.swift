// The options object a plugin is opened with (JSON), with typed accessors
// that name the bad key in their errors.
import Foundation

public struct PluginOptions: @unchecked Sendable {
  public let values: [String: Any]
  public let json: String

  public init(json: String) throws {
    self.json = json
    let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      values = [:]
      return
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
    } catch {
      throw PluginError("options are not valid JSON: \(json.prefix(80))")
    }
    guard let dictionary = object as? [String: Any] else {
      throw PluginError("options must be a JSON object, got: \(json.prefix(80))")
    }
    values = dictionary
  }

  public init(_ values: [String: Any] = [:]) {
    self.values = values
    let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])) ?? Data("{}".utf8)
    self.json = String(decoding: data, as: UTF8.self)
  }

  public func string(_ key: String) throws -> String? {
    guard let value = values[key], !(value is NSNull) else { return nil }
    guard let string = value as? String else { throw PluginError("option \"\(key)\" must be a string") }
    return string
  }

  public func double(_ key: String) throws -> Double? {
    guard let value = values[key], !(value is NSNull) else { return nil }
    // On Linux a JSON 0 or 1 also casts to Bool, so ask the number what it holds.
    guard let number = value as? NSNumber, !PluginOptions.isBoolean(number) else {
      throw PluginError("option \"\(key)\" must be a number")
    }
    return number.doubleValue
  }

  static func isBoolean(_ number: NSNumber) -> Bool {
    // JSON true/false arrive as a boolean NSNumber subclass whose type code is "c".
    String(cString: number.objCType) == "c" && "\(type(of: number))".contains("Boolean")
  }

  public func int(_ key: String) throws -> Int? {
    guard let value = try double(key) else { return nil }
    guard value.rounded() == value else { throw PluginError("option \"\(key)\" must be a whole number") }
    return Int(value)
  }

  public func bool(_ key: String) throws -> Bool? {
    guard let value = values[key], !(value is NSNull) else { return nil }
    guard let number = value as? NSNumber, PluginOptions.isBoolean(number), let bool = value as? Bool else {
      throw PluginError("option \"\(key)\" must be true or false")
    }
    return bool
  }

  public func strings(_ key: String) throws -> [String]? {
    guard let value = values[key], !(value is NSNull) else { return nil }
    guard let array = value as? [String] else { throw PluginError("option \"\(key)\" must be an array of strings") }
    return array
  }
}
