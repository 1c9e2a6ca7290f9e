import ChatCore
import MCP
import ProcessSpawn

/// One configured server as the host holds it (always under the host's lock): its status as
/// reported, the connection while it runs, and which start of it is the current one.
final class ServerSlot {
    let config: ToolServerConfig
    var status: ToolServerStatus
    /// Bumped at every start and when the host gives up on a start: what an older child or
    /// connection reports afterwards is ignored.
    var generation = 0
    /// Crashes so far: the first restarts the server, the second leaves it failed.
    var crashes = 0
    var child: Spawn.PipedChild?
    var client: Client?
    /// Where this start's stderr begins in the log.
    var logStart: UInt64 = 0

    init(config: ToolServerConfig, logPath: String?) {
        self.config = config
        status = ToolServerStatus(name: config.name, phase: .starting, logPath: logPath)
    }

    var isStarting: Bool {
        switch status.phase {
        case .starting, .restarting: return true
        case .running, .failed: return false
        }
    }
}

/// A call in flight: who to tell, and what to cancel when it is stopped or times out.
struct CallSlot {
    var server: String
    var post: @Sendable (Action) -> Void
    var client: Client
    var requestID: ID?
}
