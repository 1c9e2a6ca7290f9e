import ChatCore
import Foundation

/// JSON columns: written with sorted keys (stable files, stable diffs), read leniently. The
/// database is outside data: a column that does not decode yields nil, never a crash.
enum StoredJSON {
    static func encode<Value: Encodable>(_ value: Value?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String?) -> Value? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }
}
