/// A reply with every construct the renderer knows, hostile text included: what the snapshot
/// and every-prefix tests render.
enum MarkdownFixtures {
    static let everything = #"""
        # Streaming in chatterm

        A paragraph with **bold**, *italic*, ***both***, `inline code`, ~~struck~~ and ~5 ms of
        plain tildes. A [link](https://example.com/docs "title") and <https://example.org>.
        CJK: 日本語のテキスト and emoji 🚀 stay aligned.

        ## Lists

        - first item
        - second item with a longer text that has to wrap onto the next row of the pane
          - nested one
            1. deep numbered
        - [x] done task
        - [ ] open task

        3. three
        4. four

        > A quote with **emphasis**
        > over two lines.

        ---

        ```swift
        @MainActor func greet(_ name: String) -> String {
            /* nested /* comment */ */
            return "Hello, \(name)!" // 42
        }
        ```

        ```python
        def f(x):
            return """multi
        line""" + 'x'
        ```

        | Model | Tokens | Price |
        |:------|-------:|:-----:|
        | alpha | 8192 | $1 |
        | beta | 65536 | $12 |

        | Parameter | Description | Default | Range | Notes |
        |---|---|---|---|---|
        | temperature | Randomness of sampling across the whole vocabulary | 1.0 | 0–2 | higher is wilder |

        Hostile: `ESC[2J` and a [link](https://evil.example/) after it.
        """#
        .replacingOccurrences(of: "ESC", with: "\u{1B}")
        + "\n\n```sh\necho \u{1B}]52;c;aGk=\u{07} done\n```\n"
        + "\n| cell \u{1B}[31m | x |\n|---|---|\n| \u{9B}2J | y |\n"
}
