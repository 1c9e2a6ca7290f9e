/// Command-line options. Hand-parsed: the target may not depend on ArgumentParser
/// (Package.swift is fixed) and there are only three flags.
struct BenchOptions {
    /// Smaller sizes everywhere, for a smoke run in seconds rather than minutes.
    var quick = false
    var skipEndToEnd = false
    /// Print the tables as Markdown (what docs/performance.md quotes).
    var markdown = false
    /// Only this benchmark (decoder, reducer, frame, e2e, steady, markdown, ask, compare, large, keys, tools), when given.
    var only: String?

    static let usage = """
    usage: chatterm-bench [--quick] [--skip-e2e] [--markdown] [--only NAME]
      --quick     smaller sizes (smoke run)
      --skip-e2e  skip the runs through chatterm-server and chatterm in tmux (burst, steady)
      --markdown  print the tables as Markdown
      --only NAME one benchmark: decoder, reducer, frame, e2e, steady, markdown (steady and
                  burst with rendering off, on, and on a reply of tables and code), ask
                  (chatterm ask in a pipe against curl), compare (four streams side by side
                  against one), large (history at scale; minutes to
                  generate, so only run when named), keys (key to screen on a
                  pty with a 100,000-message session open; only when named), or
                  tools (an MCP stdio server's start to its tool list, and the tool
                  turnaround through chatterm ask --approve-tools; only when named)
    """

    enum ParseResult {
        case run(BenchOptions)
        case help
        case invalid(String)
    }

    static func parse(_ arguments: [String]) -> ParseResult {
        var options = BenchOptions()
        var arguments = arguments[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--only":
                guard let name = arguments.popFirst(), ["decoder", "reducer", "frame", "e2e", "steady", "markdown", "ask", "compare", "large", "keys", "tools"].contains(name) else {
                    return .invalid("--only takes decoder, reducer, frame, e2e, steady, markdown, ask, compare, large, keys or tools")
                }
                options.only = name
            case "--quick": options.quick = true
            case "--skip-e2e": options.skipEndToEnd = true
            case "--markdown": options.markdown = true
            case "-h", "--help": return .help
            default: return .invalid("unknown option \(argument)")
            }
        }
        return .run(options)
    }
}
