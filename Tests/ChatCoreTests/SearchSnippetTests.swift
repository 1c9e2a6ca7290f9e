import ChatCore
import XCTest

/// The words under a search hit: Markdown's markers out, the match kept marked and in sight.
final class SearchSnippetTests: XCTestCase {
    private let start = String(SessionSearchHit.matchStart)
    private let end = String(SessionSearchHit.matchEnd)
    /// "[word]" for a marked word, to read the expectations.
    private func shown(_ text: String) -> String {
        text.replacingOccurrences(of: start, with: "[").replacingOccurrences(of: end, with: "]")
    }
    private func marked(_ text: String) -> String {
        text.replacingOccurrences(of: "[[", with: start).replacingOccurrences(of: "]]", with: end)
    }

    func testATableShowsItsCellsNotItsRules() {
        let snippet = marked("| Name | Size |\n|:------|------:|\n| [[quokka]] | small |")
        XCTAssertEqual(shown(SearchSnippet.plain(snippet)), "Name · Size [quokka] · small")
    }

    func testEmphasisHeadingsListsQuotesAndCodeMarksAreTakenOut() {
        XCTAssertEqual(shown(SearchSnippet.plain(marked("## The **[[quokka]]** plan"))), "The [quokka] plan")
        XCTAssertEqual(shown(SearchSnippet.plain(marked("- first\n- *second* [[quokka]]\n1. third"))), "first second [quokka] third")
        XCTAssertEqual(shown(SearchSnippet.plain(marked("> quoted `[[quokka]]` ~~gone~~ __here__"))), "quoted [quokka] gone here")
        XCTAssertEqual(shown(SearchSnippet.plain(marked("- [x] done [[quokka]]"))), "done [quokka]")
    }

    func testCodeFencesGoAndTheirLinesStay() {
        XCTAssertEqual(shown(SearchSnippet.plain(marked("Try:\n```swift\nlet [[quokka]] = 1\n```\nthen"))), "Try: let [quokka] = 1 then")
    }

    func testLinksAndImagesBecomeTheirText() {
        XCTAssertEqual(
            shown(SearchSnippet.plain(marked("See [the [[quokka]] page](https://example.com/q) and ![a photo](q.png)."))),
            "See the [quokka] page and a photo.")
        // Cut off by the snippet's end, the target still goes.
        XCTAssertEqual(shown(SearchSnippet.plain(marked("See [[[quokka]]](https://exa…"))), "See [quokka]")
    }

    func testWhatIsNotMarkdownStaysAsWritten() {
        XCTAssertEqual(SearchSnippet.plain("snake_case_name and 2 * 3 and a-b"), "snake_case_name and 2 * 3 and a-b")
        XCTAssertEqual(SearchSnippet.plain("#hashtag   spaced\n\nout"), "#hashtag spaced out")
    }

    func testAMatchPastTheWidthIsBroughtIntoSightWithWordsBeforeIt() {
        let text = marked("one two three four five six seven eight nine ten eleven twelve [[quokka]] thirteen")
        let cut = SearchSnippet.window(text, width: 30)
        XCTAssertEqual(shown(cut), "…twelve [quokka] thirteen", "from a word's start, a third of the width before the match")
        let visible = cut.filter { $0 != SessionSearchHit.matchStart && $0 != SessionSearchHit.matchEnd }
        XCTAssertTrue(visible.prefix(30).contains("quokka"), cut)
    }

    func testAMatchInSightIsLeftAlone() {
        let text = marked("the [[quokka]] is small and lives on an island off the coast")
        XCTAssertEqual(SearchSnippet.window(text, width: 20), text)
    }

    func testACutInsideALongMatchKeepsItMarked() {
        let text = marked("ab [[" + String(repeating: "q", count: 40) + "]] cd")
        let cut = SearchSnippet.window(text, width: 10)
        XCTAssertTrue(cut.hasPrefix("…" + start), shown(cut))
        XCTAssertEqual(cut.filter { $0 == SessionSearchHit.matchStart }.count, 1)
    }
}

/// The word-prefix match the search uses on the newest messages, and its snippet.
final class WordPrefixMatchTests: XCTestCase {
    func testEveryWordMustBeginAWordOfTheTextInAnyCaseOrAccent() {
        XCTAssertNotNil(WordPrefixMatch.matches(of: ["hist"], in: "The History of it"))
        XCTAssertNotNil(WordPrefixMatch.matches(of: ["uber"], in: "Über alles"))
        XCTAssertNil(WordPrefixMatch.matches(of: ["story"], in: "The history of it"), "inside a word is no match")
        XCTAssertNil(WordPrefixMatch.matches(of: ["history", "zebra"], in: "history only"))
        XCTAssertEqual(WordPrefixMatch.words(of: "  frame-cost  \"history\" "), ["frame", "cost", "history"])
    }

    func testTheSnippetMarksWholeWordsAroundTheFirstMatch() {
        let text = (1...30).map { "w\($0)" }.joined(separator: " ") + " the history goes on and on"
        let matches = WordPrefixMatch.matches(of: ["hist"], in: text) ?? []
        let snippet = WordPrefixMatch.snippet(of: text, matches: matches, wordsBefore: 3, wordsAfter: 2)
        XCTAssertEqual(snippet, "…w29 w30 the \u{1}history\u{2} goes on…")
        let twice = WordPrefixMatch.matches(of: ["his", "hist"], in: "his history") ?? []
        XCTAssertEqual(WordPrefixMatch.snippet(of: "his history", matches: twice), "\u{1}his\u{2} \u{1}history\u{2}", "each word marked once")
    }
}
