import ChatCore
import Foundation
import ToolServers

/// The `[mcp.NAME]` servers as this run has them: one `ToolServerHost` whose logs go beside
/// the database (the data dir). For the app and for `chatterm ask` (`only`: its `--mcp NAME`s).
enum LiveToolServers {
    /// nil when no server would start (none configured, or all `enabled = false`): then nothing
    /// is started and the runtime keeps its default client.
    static func host(_ settings: ToolSettings, databasePath: String, caFile: String?, only: [String]? = nil) -> ToolServerHost? {
        guard settings.servers.contains(where: { $0.enabled && (only?.contains($0.name) ?? true) }) else { return nil }
        let dataDirectory = (databasePath as NSString).deletingLastPathComponent
        return ToolServerHost(
            settings: settings, dataDirectory: dataDirectory.isEmpty ? "." : dataDirectory, only: only, caFile: caFile,
            nowMillis: { Clock.nowMillis() })
    }
}
