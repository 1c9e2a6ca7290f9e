import ChatCore
import ChatRuntime
import MCP
import ProcessSpawn

/// The `[mcp.NAME]` servers of a run (issue 23). `ToolServerHost` (to come) starts them and is
/// the runtime's `ToolServersClient`.
public enum ToolServers {}
