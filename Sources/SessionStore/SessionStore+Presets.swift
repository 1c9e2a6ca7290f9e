import ChatCore
import GRDB
import StreamProtocol

/// Named parameter sets ("presets"): saved from one session, applied to others. They belong to
/// no session, so deleting a session never deletes a preset.
extension SessionStore {
    /// Every preset, by name (case-insensitively, then exactly, so "a" and "A" keep one order).
    /// A preset whose stored parameters cannot be read comes back with all fields unset, as a
    /// session's do, so the user can still see it and delete or overwrite it.
    public func listPresets() throws(StoreError) -> [Preset] {
        try perform {
            try writer.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT name, parameters_json FROM preset ORDER BY name COLLATE NOCASE, name"
                ).map { row in
                    Preset(
                        name: row["name"] ?? "",
                        parameters: StoredJSON.decode(SessionParameters.self, from: row["parameters_json"])
                            ?? SessionParameters()
                    )
                }
            }
        }
    }

    /// Saves `preset`, replacing any preset with the same name (names are compared exactly).
    public func savePreset(_ preset: Preset, updatedAtMillis: Int64) throws(StoreError) {
        try perform {
            let parametersJSON = try StoredJSON.encode(preset.parameters)
            try write { db in
                try db.execute(
                    sql: """
                        INSERT INTO preset (name, parameters_json, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET
                            parameters_json = excluded.parameters_json, updated_at = excluded.updated_at
                        """,
                    arguments: [preset.name, parametersJSON, updatedAtMillis]
                )
            }
        }
    }

    /// Deletes the preset called `name`. Deleting one that does not exist is not an error
    /// (another chatterm on the same file may have deleted it first).
    public func deletePreset(name: String) throws(StoreError) {
        try perform {
            try write { db in
                try db.execute(sql: "DELETE FROM preset WHERE name = ?", arguments: [name])
            }
        }
    }
}
