import StreamProtocol

/// `chatterm config example`: a config file with every setting, commented. The same text is
/// docs/configuration.md's example (a test compares them) and parses without a problem (a test
/// checks that too), so neither can drift from what the parser reads.
public enum ConfigExample {
    /// `[defaults]`, one line for each row of the field table that has an example value, in
    /// the pane's order.
    static var defaultsSection: String {
        let lines = RequestField.all.compactMap { field -> String? in
            guard let key = field.config.key, let example = field.configExample else { return nil }
            return "\(key) = \(example)"
        }
        return (["[defaults]"] + lines).joined(separator: "\n") + "\n"
    }

    public static let text = #"""
# ~/.config/chatterm/config.toml
base_url = "https://app.premai.io"
dialect = "prem"
project_id = 1234
model = "gpt-4o-mini"
theme = "light"                 # or "themes/dusk.toml", beside this file
# database = "~/chats/chatterm.sqlite"

# default_profile = "work"      # a [profiles.NAME] below, unless --profile says otherwise

max_retries = 3
connect_timeout = 10
idle_notice = 15
# idle_timeout = 300            # give up after 5 minutes of silence (default: never)

# api_key = "..."               # only if this file is chmod 600; prefer PREMAI_API_KEY
# api_key_command = "pass show prem"   # or: the first line this prints is the key
# ca_file = "certs/company-ca.pem"    # trust a private CA (PEM), beside this file
# max_tool_rounds = 8           # rounds of tool calls one message may lead to

\#(defaultsSection)
[keys]                          # every command: docs/keys.md or `chatterm keys`
send = "ctrl+s"                 # Enter adds a line, Ctrl+S sends
newline = "enter"

[keys.inspector]                # one context only
copy = ["y", "c"]

[profiles.ollama]               # chatterm --profile ollama
base_url = "http://127.0.0.1:11434/v1"
dialect = "openai"
model = "llama3.2"

[profiles.work]                 # its key is read from $PREMAI_WORK_KEY
project_id = 5678
api_key_env = "PREMAI_WORK_KEY"
[profiles.work.defaults]
temperature = 0.2

[ask]
store = false                   # chatterm ask stores nothing unless given --session

[clipboard]
method = "auto"                 # OSC 52, plus wl-copy/xclip/xsel/pbcopy when a display has one

[mouse]
enabled = false                 # clicks focus and pick, the wheel scrolls; Alt+M toggles it

[display]
markdown = true                 # replies rendered as Markdown; `m` toggles raw text
user_markdown = false           # your own messages shown exactly as typed

# [mcp.files]                   # an MCP server: its tools reach the model as files__TOOL
# command = "npx"               # started on stdio; its stderr goes to mcp-files.log in the data dir
# args = ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"]
# env = { LOG_LEVEL = "warn" }
# approve = "ask"               # ask before each call (default) or "always"; approve_tools = ["read_file"]
# tools = ["read_file", "list_directory"]   # offer only these; timeout = 60 (seconds a call)
# url = "http://127.0.0.1:8931/mcp"   # instead of command: streamable HTTP; bearer_token_env = "VAR"
"""#
}
