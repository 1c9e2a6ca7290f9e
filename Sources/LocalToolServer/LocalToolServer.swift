import MCP

/// The test MCP server behind `chatterm-server --mcp-stdio` (issue 23).
public enum LocalToolServer {}
