import CCmarkGFM

/// CommonMark with GitHub's tables, strikethrough (`~~` only: models write "~5 ms" for
/// "about"), task lists and autolinks, parsed by cmark-gfm into `MarkdownBlock` values.
///
/// Pure in effect: text in, values out; the C parser lives only for the call.
public enum MarkdownParser {
    /// The top-level blocks of `text`, each with the line it starts on.
    public static func parse(_ text: String) -> [TopLevelBlock] {
        let options = ccmark_opt_default() | ccmark_opt_strikethrough_double_tilde()
        guard let parser = ccmark_new_gfm_parser(Int32(options)) else {
            // The extensions could not be found: still show the text, unformatted.
            return text.isEmpty ? [] : [TopLevelBlock(block: .paragraph([InlineRun(text)]), startLine: 1)]
        }
        defer { cmark_parser_free(parser) }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        var result: [TopLevelBlock] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            if let block = Self.block(node) {
                result.append(TopLevelBlock(block: block, startLine: Int(cmark_node_get_start_line(node))))
            }
            child = cmark_node_next(node)
        }
        return result
    }

    /// The blocks of a whole text (tests and callers that do not stream).
    public static func blocks(_ text: String) -> [MarkdownBlock] {
        parse(text).map(\.block)
    }

    // MARK: - Blocks

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch typeName(node) {
        case "paragraph":
            return .paragraph(inlines(of: node, style: []))
        case "heading":
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node, style: []))
        case "code_block":
            var code = literal(node)
            if code.hasSuffix("\n") { code.removeLast() }
            let info = string(cmark_node_get_fence_info(node))
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first
                .map { String($0).lowercased() } ?? ""
            return .codeBlock(CodeBlock(language: language, text: code))
        case "block_quote":
            return .quote(childBlocks(of: node))
        case "list":
            var items: [ListItem] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                let isTask = typeName(item) == "tasklist"
                items.append(ListItem(
                    task: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil,
                    blocks: childBlocks(of: item)))
                child = cmark_node_next(item)
            }
            return .list(MarkdownList(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: items))
        case "table":
            return .table(table(node))
        case "thematic_break":
            return .thematicBreak
        case "html_block":
            var html = literal(node)
            if html.hasSuffix("\n") { html.removeLast() }
            return .html(html)
        default:
            // Footnote definitions and other extension blocks: their text, as paragraphs.
            let inner = childBlocks(of: node)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    private static func childBlocks(of node: OpaquePointer) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            if let block = block(current) { blocks.append(block) }
            child = cmark_node_next(current)
        }
        return blocks
    }

    private static func table(_ node: OpaquePointer) -> MarkdownTable {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [ColumnAlignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columns {
                switch raw[index] {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        } else {
            alignments = Array(repeating: .none, count: columns)
        }
        var header: [[InlineRun]] = []
        var rows: [[[InlineRun]]] = []
        var rowNode = cmark_node_first_child(node)
        while let row = rowNode {
            var cells: [[InlineRun]] = []
            var cellNode = cmark_node_first_child(row)
            while let cell = cellNode {
                cells.append(inlines(of: cell, style: []))
                cellNode = cmark_node_next(cell)
            }
            if typeName(row) == "table_header" || cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                header = cells
            } else {
                rows.append(cells)
            }
            rowNode = cmark_node_next(row)
        }
        return MarkdownTable(alignments: alignments, header: header, rows: rows)
    }

    // MARK: - Inlines

    private static func inlines(of node: OpaquePointer, style: InlineStyle) -> [InlineRun] {
        var runs: [InlineRun] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            appendInline(current, style: style, to: &runs)
            child = cmark_node_next(current)
        }
        return runs
    }

    private static func appendInline(_ node: OpaquePointer, style: InlineStyle, to runs: inout [InlineRun]) {
        func add(_ text: String, _ runStyle: InlineStyle) {
            guard !text.isEmpty else { return }
            if let last = runs.indices.last, runs[last].style == runStyle {
                runs[last].text += text
            } else {
                runs.append(InlineRun(text, style: runStyle))
            }
        }
        switch typeName(node) {
        case "text":
            add(literal(node), style)
        case "softbreak":
            add(" ", style)
        case "linebreak":
            add("\n", style)
        case "code":
            add(literal(node), style.union(.code))
        case "html_inline":
            add(literal(node), style)
        case "emph":
            runs.append(contentsOf: merged(inlines(of: node, style: style.union(.emphasis)), after: &runs))
        case "strong":
            runs.append(contentsOf: merged(inlines(of: node, style: style.union(.strong)), after: &runs))
        case "strikethrough":
            runs.append(contentsOf: merged(inlines(of: node, style: style.union(.strikethrough)), after: &runs))
        case "link", "image":
            let isImage = typeName(node) == "image"
            var inner = inlines(of: node, style: style.union(.link))
            let url = string(cmark_node_get_url(node))
            let shown = inner.map(\.text).joined()
            if isImage {
                inner.insert(InlineRun("image: ", style: style.union(.link)), at: 0)
            }
            runs.append(contentsOf: merged(inner, after: &runs))
            // The destination follows the text unless the text already is it (autolinks).
            if !url.isEmpty, url != shown, url != "mailto:" + shown {
                add(" (" + url + ")", style.subtracting([.link, .code]).union(.linkTarget))
            }
        default:
            // Footnote references and unknown inlines: their children, else their literal.
            let inner = inlines(of: node, style: style)
            if inner.isEmpty { add(literal(node), style) } else { runs.append(contentsOf: merged(inner, after: &runs)) }
        }
    }

    /// `inner` with its first run joined onto the last of `runs` when their styles match.
    private static func merged(_ inner: [InlineRun], after runs: inout [InlineRun]) -> [InlineRun] {
        guard let first = inner.first, let last = runs.indices.last, runs[last].style == first.style else { return inner }
        runs[last].text += first.text
        return Array(inner.dropFirst())
    }

    // MARK: - C strings

    private static func typeName(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    private static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    /// cmark hands out UTF-8 it was given; invalid bytes become U+FFFD (never trusted raw).
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
