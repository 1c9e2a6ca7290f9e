import XCTest
@testable import ChatCore

/// How the palette orders what a filter matches: a command whose name holds the typed word
/// (at its start, or as one of its words) comes before one that matches only in its summary.
final class PaletteRankingTests: XCTestCase {
    /// A tester's report: over the inspector, "curl" listed `next-view` (whose summary says
    /// "… → curl") above `view-curl`, the command named for it.
    func testAWordOfTheNameRanksAboveAMatchInTheSummary() {
        let entries = CommandPalette.entries(contexts: [.inspector, .app], keymap: .defaults, filter: "curl")
        let commands = entries.map(\.command)
        XCTAssertEqual(commands.first, .viewCurl)
        XCTAssertEqual(commands, [.viewCurl, .nextView])
    }

    func testANamePrefixStillRanksFirstThenNameWordsThenTheRest() {
        let entries = CommandPalette.entries(contexts: [.inspector, .app], keymap: .defaults, filter: "view")
        let commands = entries.map(\.command)
        // Names that start with "view" first, then names with a word "view", in keymap order.
        let prefixed = commands.prefix { $0.rawValue.hasPrefix("view") }
        XCTAssertFalse(prefixed.isEmpty)
        let rest = commands.dropFirst(prefixed.count)
        XCTAssertEqual(rest.first, .nextView, "next-view has the word in its name")
    }
}
