/// A Markdown document as plain Swift values: what the terminal layout needs and nothing of the
/// parser's own tree. Text here is the model's text as written (not yet sanitized): the layout
/// sends every piece of it through the sanitizer before it reaches a cell.
public indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([InlineRun])
    case heading(level: Int, [InlineRun])
    case codeBlock(CodeBlock)
    case quote([MarkdownBlock])
    case list(MarkdownList)
    case table(MarkdownTable)
    case thematicBreak
    /// Raw HTML is never interpreted: it is shown as the text it is.
    case html(String)
}

/// A stretch of inline text in one style. Soft line breaks arrive as a space, hard ones as "\n".
public struct InlineRun: Sendable, Equatable {
    public var text: String
    public var style: InlineStyle

    public init(_ text: String, style: InlineStyle = []) {
        self.text = text
        self.style = style
    }
}

/// How an inline run is emphasised. `linkTarget` marks the URL shown after a link's text.
public struct InlineStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let emphasis = InlineStyle(rawValue: 1 << 0)
    public static let strong = InlineStyle(rawValue: 1 << 1)
    public static let strikethrough = InlineStyle(rawValue: 1 << 2)
    public static let code = InlineStyle(rawValue: 1 << 3)
    /// The text of a link (or an image's description).
    public static let link = InlineStyle(rawValue: 1 << 4)
    /// The destination of the link whose text precedes it.
    public static let linkTarget = InlineStyle(rawValue: 1 << 5)
}

/// A fenced or indented code block, its text exactly as written (the final line end removed).
public struct CodeBlock: Sendable, Equatable {
    /// The first word of the fence's info string ("swift" of "```swift title=x"), lowercased;
    /// empty when there is none.
    public var language: String
    public var text: String

    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

public struct MarkdownList: Sendable, Equatable {
    public var ordered: Bool
    /// The number of the first item of an ordered list.
    public var start: Int
    /// A tight list has no blank lines between its items.
    public var tight: Bool
    public var items: [ListItem]

    public init(ordered: Bool, start: Int, tight: Bool, items: [ListItem]) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
    }
}

public struct ListItem: Sendable, Equatable {
    /// nil for a plain item; true/false for a task-list item checked or not.
    public var task: Bool?
    public var blocks: [MarkdownBlock]

    public init(task: Bool?, blocks: [MarkdownBlock]) {
        self.task = task
        self.blocks = blocks
    }
}

public enum ColumnAlignment: Sendable, Equatable {
    case none, left, center, right
}

public struct MarkdownTable: Sendable, Equatable {
    public var alignments: [ColumnAlignment]
    public var header: [[InlineRun]]
    public var rows: [[[InlineRun]]]

    public init(alignments: [ColumnAlignment], header: [[InlineRun]], rows: [[[InlineRun]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

/// One block of the top level and the source line (1-based, of the parsed text) it starts on:
/// what lets a streaming reply be re-parsed from its last top-level block only.
public struct TopLevelBlock: Sendable, Equatable {
    public var block: MarkdownBlock
    public var startLine: Int

    public init(block: MarkdownBlock, startLine: Int) {
        self.block = block
        self.startLine = startLine
    }
}

extension MarkdownBlock {
    /// The code blocks in and under this block, in document order: the order the layout
    /// numbers them, so "code block 2" means the same block on screen and in a copy.
    public var codeBlocks: [CodeBlock] {
        switch self {
        case let .codeBlock(code): return [code]
        case let .quote(blocks): return blocks.flatMap(\.codeBlocks)
        case let .list(list): return list.items.flatMap { $0.blocks.flatMap(\.codeBlocks) }
        case .paragraph, .heading, .table, .thematicBreak, .html: return []
        }
    }
}
