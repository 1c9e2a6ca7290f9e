import Deterministic

/// Writes the server's reply text: deterministic for a given prompt and seed, shaped like a
/// real model answer (markdown list, fenced code, CJK, an emoji) so the demo looks alive.
enum ReplyWriter {
    /// Splits text into tokens: a run of whitespace together with the word after it. The first
    /// token has no leading whitespace unless the text starts with some. Concatenating the
    /// tokens gives back the text exactly.
    static func tokens(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var sawWord = false
        for character in text {
            if character.isWhitespace {
                if sawWord {
                    result.append(current)
                    current = ""
                    sawWord = false
                }
            } else {
                sawWord = true
            }
            current.append(character)
        }
        if !current.isEmpty {
            if sawWord || result.isEmpty { result.append(current) } else { result[result.count - 1] += current }
        }
        return result
    }

    /// Exactly `count` tokens of reply (more prose is written until there are enough).
    static func exactTokens(_ count: Int, prompt: String, seed: UInt64, rich: Bool = false) -> [String] {
        guard count > 0 else { return [] }
        var generator = ProseGenerator(prompt: prompt, seed: seed, rich: rich)
        var pieces = tokens(of: generator.opening())
        while pieces.count < count {
            pieces += tokens(of: "\n\n" + generator.nextBlock())
        }
        return Array(pieces.prefix(count))
    }

    /// A natural reply: whole blocks until at least `approximateCount` tokens.
    static func naturalTokens(approximateCount: Int, prompt: String, seed: UInt64, rich: Bool = false) -> [String] {
        var generator = ProseGenerator(prompt: prompt, seed: seed, rich: rich)
        var pieces = tokens(of: generator.opening())
        while pieces.count < approximateCount {
            pieces += tokens(of: "\n\n" + generator.nextBlock())
        }
        return pieces
    }

    /// Text with terminal control sequences, to prove a client shows them harmlessly.
    static let escapeReply = "Escape test: clear screen \u{1B}[2J then red \u{1B}[31mRED\u{1B}[0m, "
        + "a title change \u{1B}]0;pwned\u{07}, a clipboard write \u{1B}]52;c;ZWNobyBwd25lZA==\u{07}, "
        + "a bell \u{07}, a C1 CSI \u{9B}31m and a DEL \u{7F}. If your terminal changed, the client failed."

    /// The prompt as a short one-line quotation.
    static func shortened(_ prompt: String, limit: Int = 60) -> String {
        let oneLine = prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard oneLine.count > limit else { return oneLine }
        return String(oneLine.prefix(limit - 1)) + "…"
    }
}

/// Produces the blocks of a reply in a fixed rhythm (prose, list, prose, code, CJK line,
/// then prose again), choosing the wording with a seeded generator. A rich reply (`/markdown`)
/// cycles through every Markdown construct instead: what rendering tests and benchmarks feed.
struct ProseGenerator {
    private var random: SplitMix64
    private let prompt: String
    private let rich: Bool
    private var blockIndex = 0

    init(prompt: String, seed: UInt64, rich: Bool = false) {
        self.prompt = prompt
        self.rich = rich
        self.random = SplitMix64(seed: FNV1a.hash(prompt.utf8) ^ seed)
    }

    mutating func opening() -> String {
        let quoted = ReplyWriter.shortened(prompt)
        let subject = quoted.isEmpty ? "an empty message" : "“\(quoted)”"
        return random.pick([
            "You asked about \(subject). Here is a considered answer from the local server.",
            "Thanks for \(subject). Let me walk through it step by step.",
            "Good question: \(subject). A short tour follows.",
        ])
    }

    mutating func nextBlock() -> String {
        defer { blockIndex += 1 }
        if rich { return richBlock() }
        switch blockIndex {
        case 1: return bulletList()
        case 3: return codeBlock()
        case 4: return multilingualLine()
        default: return paragraph()
        }
    }

    private mutating func paragraph() -> String {
        random.pickDistinct(Self.sentences, count: 3).joined(separator: " ")
    }

    private mutating func bulletList() -> String {
        let items = random.pickDistinct(Self.bulletItems, count: 3).map { "- " + $0 }
        return "Key points:\n" + items.joined(separator: "\n")
    }

    private mutating func codeBlock() -> String {
        "For example:\n\n```swift\n" + random.pick(Self.snippets) + "\n```"
    }

    private mutating func multilingualLine() -> String {
        random.pick([
            "在终端里也能流畅显示中文。 日本語も大丈夫です。 🚀",
            "宽字符测试：你好，世界。 한국어도 됩니다。 ✨",
            "混合文本：终端 terminal 端末 🌏 works well.",
        ])
    }

    /// Heading, emphasis and links, a table, code, nested and task lists, a quote, in turn.
    private mutating func richBlock() -> String {
        switch blockIndex % 6 {
        case 0:
            return "## Part \(blockIndex / 6 + 1)\n\n" + random.pick([
                "Read the **whole** reply, then follow [the guide](https://example.com/guide) for `details`.",
                "This is *emphasis*, this is ~~struck~~, and this is `inline code` next to **bold** text.",
            ])
        case 1:
            let rows = (0..<4).map { _ in
                "| " + random.pick(["alpha", "beta", "gamma", "delta"]) + " | " + String(random.next() % 100_000)
                    + " | " + random.pick(["yes", "no", "maybe"]) + " |"
            }
            return "| Model | Tokens | Tools |\n|:------|-------:|:-----:|\n" + rows.joined(separator: "\n")
        case 2:
            return random.pick(Self.richSnippets)
        case 3:
            return "- " + random.pick(Self.bulletItems) + "\n  - " + random.pick(Self.bulletItems)
                + "\n    1. " + random.pick(Self.bulletItems) + "\n- [x] done\n- [ ] to do"
        case 4:
            return "> " + random.pickDistinct(Self.sentences, count: 2).joined(separator: "\n> ")
        default:
            return paragraph()
        }
    }

    private static let richSnippets = [
        "```python\ndef total(xs: list[int]) -> int:\n    \"\"\"Sum them.\"\"\"\n    return sum(xs)  # fast\n```",
        "```go\nfunc main() {\n\tfmt.Println(`raw\nstring`, 42)\n}\n```",
        "```rust\nfn main() {\n    /* outer /* inner */ */\n    let s: &'static str = \"hi\";\n}\n```",
        "```json\n{\"model\": \"beta\", \"stream\": true, \"max_tokens\": 512}\n```",
        "```sh\ncat <<EOF > out.txt\nhello $USER\nEOF\necho done # comment\n```",
        "```sql\nSELECT id, title FROM sessions -- newest first\nORDER BY updated_at DESC LIMIT 10;\n```",
    ]

    private static let sentences = [
        "Streaming lets the reader start before the writer has finished.",
        "A small, pure core keeps the behaviour easy to test.",
        "Each delta is appended to the reply as soon as it arrives.",
        "The terminal redraws at most once per frame, so bursts stay cheap.",
        "Untrusted text is cleaned before it reaches the screen.",
        "Long conversations are wrapped once per width and cached.",
        "The server keeps no history, so the client resends the whole conversation.",
        "Retries happen only before the first byte of a reply arrives.",
        "A **bold** claim deserves a `code` sample and a careful test.",
        "Wide glyphs take two cells, and layout must agree with the terminal.",
        "Cancelling a stream should never leak text into the next reply.",
        "Good defaults matter more than many options.",
    ]

    private static let bulletItems = [
        "keep the reducer pure and synchronous",
        "treat every byte from the network as untrusted",
        "render only the rows that are visible",
        "honour `Retry-After` on a 429",
        "store the trace id with the reply",
        "measure before optimising",
        "handle resize as an ordinary event",
    ]

    private static let snippets = [
        "let reply = deltas.reduce(\"\", +)\nprint(reply)",
        "for try await event in stream {\n    state.apply(event)\n}",
        "func greet(_ name: String) -> String {\n    \"Hello, \\(name)!\"\n}",
    ]
}
