// Checks a plugin's options against its `options_schema` before the plugin
// is opened, so a plugin can trust what it is given. Only a subset of JSON
// Schema is understood, the one the built-in plugins use (documented for
// plugin authors in SDK/README.md, "Options and their schema"):
//
//   type (string, integer, number, boolean, array, object, null, or a list
//   of them), properties, required, additionalProperties (true, false or a
//   schema), enum, minimum, maximum, items, minItems, maxItems, minLength,
//   maxLength.
//
// Other keywords (descriptions, defaults, patterns, …) are not checked.
import Foundation

/// A JSON value, as read from options or a schema.
indirect enum JSONValue: Equatable, Decodable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let bool = try? container.decode(Bool.self) {
      self = .bool(bool)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let string = try? container.decode(String.self) {
      self = .string(string)
    } else if let array = try? container.decode([JSONValue].self) {
      self = .array(array)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  static func parse(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }

  /// Its JSON Schema type name ("integer" for a whole number).
  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number(let n): n.rounded() == n && n.isFinite ? "integer" : "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  /// Short JSON for messages.
  var description: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n):
      return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .string(let s):
      let shown = s.count > 60 ? String(s.prefix(60)) + "…" : s
      return "\"" + shown.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .array(let items):
      let shown = items.prefix(5).map(\.description).joined(separator: ", ")
      return "[" + shown + (items.count > 5 ? ", …" : "") + "]"
    case .object(let members):
      let keys = members.keys.sorted()
      let shown = keys.prefix(5).map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ")
      return "{" + shown + (keys.count > 5 ? ", …" : "") + "}"
    }
  }
}

/// Options that do not fit the plugin's schema.
public struct OptionsError: Error, CustomStringConvertible, Equatable, Sendable {
  public var description: String
}

public enum OptionsSchema {
  /// Checks `optionsJSON` against `schema` (a plugin's options_schema) and
  /// throws an error naming the plugin, the option and what is allowed.
  /// An empty schema allows any object.
  public static func check(_ optionsJSON: String, schema: String, plugin: String) throws {
    let options: JSONValue
    do { options = try JSONValue.parse(optionsJSON.isEmpty ? "{}" : optionsJSON) } catch {
      throw OptionsError(
        description:
          "the options for \(plugin) are not valid JSON: \(optionsJSON.prefix(80)). Give a JSON object such as {\"name\": \"value\"}"
      )
    }
    guard case .object = options else {
      throw OptionsError(
        description: "the options for \(plugin) must be a JSON object, not \(options.typeName) \(options)")
    }
    if schema.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
    let parsed: JSONValue
    do { parsed = try JSONValue.parse(schema) } catch {
      throw OptionsError(
        description:
          "\(plugin) has an options_schema that is not valid JSON, so its options cannot be checked. Its author must fix the schema"
      )
    }
    guard case .object(let root) = parsed else {
      throw OptionsError(
        description:
          "\(plugin) has an options_schema that is not a JSON object, so its options cannot be checked. Its author must fix the schema"
      )
    }
    if let problem = Checker(plugin: plugin).problem(options, root, path: []) {
      throw OptionsError(description: problem)
    }
  }

  private struct Checker {
    let plugin: String

    /// The first way `value` breaks `schema`, in words; nil when it fits.
    func problem(_ value: JSONValue, _ schema: [String: JSONValue], path: [String]) -> String? {
      let name = path.isEmpty ? "the options" : "option \"\(Self.render(path))\""
      func says(_ rule: String) -> String {
        "\(name) of \(plugin) is \(value), but \(rule)"
      }
      if let type = schema["type"] {
        let allowed: [String]
        switch type {
        case .string(let t): allowed = [t]
        case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { t } else { nil } }
        default: allowed = []
        }
        let actual = value.typeName
        let fits = allowed.isEmpty || allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
        if !fits {
          return says("it must be \(allowed.map(Self.typeWords).joined(separator: " or "))")
        }
      }
      if case .array(let choices)? = schema["enum"], !choices.contains(value) {
        return says("it must be one of \(choices.map(\.description).joined(separator: ", "))")
      }
      switch value {
      case .number(let n):
        if case .number(let low)? = schema["minimum"], n < low {
          return says("it must be at least \(JSONValue.number(low))")
        }
        if case .number(let high)? = schema["maximum"], n > high {
          return says("it must be at most \(JSONValue.number(high))")
        }
      case .string(let s):
        if case .number(let low)? = schema["minLength"], Double(s.count) < low {
          return says("it must have at least \(Int(low)) character\(low == 1 ? "" : "s")")
        }
        if case .number(let high)? = schema["maxLength"], Double(s.count) > high {
          return says("it must have at most \(Int(high)) character\(high == 1 ? "" : "s")")
        }
      case .array(let items):
        if case .number(let low)? = schema["minItems"], Double(items.count) < low {
          return says("it must list at least \(Int(low)) item\(low == 1 ? "" : "s")")
        }
        if case .number(let high)? = schema["maxItems"], Double(items.count) > high {
          return says("it must list at most \(Int(high)) item\(high == 1 ? "" : "s")")
        }
        if case .object(let itemSchema)? = schema["items"] {
          for (i, item) in items.enumerated() {
            if let problem = problem(item, itemSchema, path: path + ["[\(i)]"]) {
              return problem
            }
          }
        }
      case .object(let members):
        var properties: [String: JSONValue] = [:]
        if case .object(let p)? = schema["properties"] { properties = p }
        if case .array(let required)? = schema["required"] {
          for case .string(let key) in required where members[key] == nil {
            return "\(plugin) needs the option \"\(Self.render(path + [key]))\"; add it to the options"
          }
        }
        for key in members.keys.sorted() {
          let member = members[key]!
          if case .object(let memberSchema)? = properties[key] {
            if let problem = problem(member, memberSchema, path: path + [key]) { return problem }
            continue
          }
          switch schema["additionalProperties"] {
          case .bool(false)?:
            let known = properties.keys.sorted().map { "\"\($0)\"" }
            let inside = path.isEmpty ? "" : " in \(name)"
            return "\(plugin) has no option \"\(Self.render(path + [key]))\"\(inside); "
              + (known.isEmpty ? "it takes no options" : "its options are \(known.joined(separator: ", "))")
          case .object(let extra)?:
            if let problem = problem(member, extra, path: path + [key]) { return problem }
          default:
            break
          }
        }
      default:
        break
      }
      return nil
    }

    /// "words[1]", "limits.low": list positions in brackets, members after dots.
    static func render(_ path: [String]) -> String {
      var text = ""
      for part in path {
        if !text.isEmpty && !part.hasPrefix("[") { text += "." }
        text += part
      }
      return text
    }

    static func typeWords(_ type: String) -> String {
      switch type {
      case "string": "a string"
      case "integer": "a whole number"
      case "number": "a number"
      case "boolean": "true or false"
      case "array": "a list (JSON array)"
      case "object": "an object"
      case "null": "null"
      default: type
      }
    }
  }
}
