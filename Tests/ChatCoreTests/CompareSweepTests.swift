import StreamProtocol
import XCTest
@testable import ChatCore

/// The compare setup's sweep line: which columns it makes, and why it makes none.
final class CompareSweepTests: XCTestCase {
    var current: SessionParameters {
        var p = SessionParameters()
        p.temperature = 0.7
        p.maxTokens = 200
        return p
    }

    func columns(_ line: String, presets: [Preset] = []) -> [SessionParameters] {
        switch CompareSweep.columns(line, current: current, presets: presets) {
        case let .success(columns): return columns
        case let .failure(problem):
            XCTFail("\(line): \(problem.message)")
            return []
        }
    }

    func problem(_ line: String) -> String? {
        if case let .failure(problem) = CompareSweep.columns(line, current: current, presets: []) { return problem.message }
        return nil
    }

    func testOneFieldMakesAColumnPerValueOverTheCurrentParameters() {
        let made = columns("temperature=0.2,0.8,1.4")
        XCTAssertEqual(made.map(\.temperature), [0.2, 0.8, 1.4])
        XCTAssertEqual(made.map(\.maxTokens), [200, 200, 200], "the rest is as set")
    }

    func testASingleValuedFieldAppliesToEveryColumnOfItsGroup() {
        let made = columns("top_p=0.3,1 max_tokens=64")
        XCTAssertEqual(made.map(\.topP), [0.3, 1])
        XCTAssertEqual(made.map(\.maxTokens), [64, 64])
    }

    func testSeveralFieldsMakeEveryCombinationTheFirstVaryingSlowest() {
        let made = columns("temperature=0.1,0.2 seed=1,2")
        XCTAssertEqual(made.map(\.temperature), [0.1, 0.1, 0.2, 0.2])
        XCTAssertEqual(made.map(\.seed), [1, 2, 1, 2])
    }

    func testGroupsAddColumnsAndAnEmptyGroupIsTheParametersAsSet() {
        let made = columns("| temperature=1.4")
        XCTAssertEqual(made, [current, { var p = current; p.temperature = 1.4; return p }()])
        XCTAssertEqual(columns("top_p=0.5 | seed=3").map(\.topP), [0.5, nil])
        XCTAssertEqual(columns("").count, 1)
    }

    func testQuotesListsJSONAndUnset() {
        XCTAssertEqual(columns(#"system_prompt="Be brief, please","Say | more""#).map(\.systemPrompt), ["Be brief, please", "Say | more"])
        XCTAssertEqual(columns("stop=###;END,\"a;b\"").map(\.stop), [["###", "END"], ["a;b"]])
        XCTAssertEqual(columns(#"response_format={"type": "json_object"},unset"#).map(\.responseFormat), [#"{"type":"json_object"}"#, nil])
        XCTAssertEqual(columns("temperature=unset,").map(\.temperature), [nil, nil])
        XCTAssertEqual(columns(#"user="unset""#).map(\.user), ["unset"], "a quoted word is the word")
    }

    func testPresetsAreColumnsAndComeFirstInTheirGroup() {
        var hot = SessionParameters()
        hot.temperature = 1.5
        var cold = SessionParameters()
        cold.temperature = 0.1
        let presets = [Preset(name: "hot", parameters: hot), Preset(name: "cold one", parameters: cold)]
        let made = columns(#"preset=hot,"cold one" seed=9"#, presets: presets)
        XCTAssertEqual(made.map(\.temperature), [1.5, 0.1])
        XCTAssertEqual(made.map(\.seed), [9, 9])
        XCTAssertEqual(made.map(\.maxTokens), [nil, nil], "a preset sets every field")
        if case let .failure(problem) = CompareSweep.columns("seed=1 preset=hot", current: current, presets: presets) {
            XCTAssertEqual(problem.message, "preset= must come first in its group (it sets every field)")
        } else {
            XCTFail("a preset after a field is refused")
        }
        if case let .failure(problem) = CompareSweep.columns("preset=warm", current: current, presets: presets) {
            XCTAssertEqual(problem.message, #"no preset named "warm": hot, cold one"#)
        } else {
            XCTFail("an unknown preset is refused")
        }
    }

    func testEveryValueIsValidatedAsThePaneValidatesIt() {
        let pane = ParameterValidation.applying("3", to: .temperature, in: current)
        guard case let .failure(expected) = pane else { return XCTFail("3 is out of range") }
        XCTAssertEqual(problem("temperature=0.2,3"), expected.message)
        XCTAssertEqual(problem("seed=abc"), { if case let .failure(p) = ParameterValidation.applying("abc", to: .seed, in: current) { return p.message }; return nil }())
        XCTAssertEqual(problem("tools={not json}"), { if case let .failure(p) = ParameterValidation.applying("{not json}", to: .tools, in: current) { return p.message }; return nil }())
    }

    func testLinesThatMakeNoColumnsSayWhy() {
        XCTAssertEqual(problem("temperature=0.1,0.2,0.3 seed=1,2"), "6 columns: at most 4")
        XCTAssertEqual(problem("temperature=0.1,0.2,0.3 | seed=1,2"), "5 columns: at most 4")
        XCTAssertEqual(problem("temperature 0.2"), #""temperature" is not field=value (e.g. temperature=0.2,0.8)"#)
        XCTAssertEqual(problem("seed=1 seed=2"), "seed is given twice in one group")
        XCTAssertEqual(problem(#"user="open"#), #"a quote is not closed: user="open"#)
        XCTAssertTrue(problem("heat=1")?.hasPrefix(#"unknown field "heat": use one of model, system_prompt, temperature"#) == true)
    }

    func testLabelsShowOnlyWhatDiffersFromTheFirstColumn() {
        let made = columns("temperature=0.2,1.4 top_p=0.5")
        XCTAssertEqual(CompareSweep.labels(made, current: current), ["temperature 0.2 · top_p 0.5", "temperature 1.4"])
        XCTAssertEqual(CompareSweep.labels(columns("| "), current: current), ["as set", "same as 1"])
    }
}
