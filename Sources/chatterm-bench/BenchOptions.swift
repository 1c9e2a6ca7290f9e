/// Command-line options. Hand-parsed: the target may not depend on ArgumentParser
/// (Package.swift is fixed) and there are only three flags.
struct BenchOptions {
    /// Smaller sizes everywhere, for a smoke run in seconds rather than minutes.
    var quick = false
    var skipEndToEnd = false
    /// Print the tables as Markdown (what docs/performance.md quotes).
    var markdown = false

    static let usage = """
    usage: chatterm-bench [--quick] [--skip-e2e] [--markdown]
      --quick     smaller sizes (smoke run)
      --skip-e2e  skip the end-to-end burst through chatterm-server, curl and chatterm in tmux
      --markdown  print the tables as Markdown
    """

    enum ParseResult {
        case run(BenchOptions)
        case help
        case invalid(String)
    }

    static func parse(_ arguments: [String]) -> ParseResult {
        var options = BenchOptions()
        for argument in arguments {
            switch argument {
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
