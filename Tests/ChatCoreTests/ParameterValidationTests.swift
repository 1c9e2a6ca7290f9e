import XCTest
@testable import ChatCore
import StreamProtocol

/// `ParameterValidation` on its own: the shapes each field takes, and the reasons given.
final class ParameterValidationTests: XCTestCase {
    private func problem(_ field: ParameterField, _ text: String) -> String? {
        if case let .failure(problem) = ParameterValidation.applying(text, to: field, in: SessionParameters()) {
            return problem.message
        }
        return nil
    }

    private func accepted(_ field: ParameterField, _ text: String) -> SessionParameters? {
        try? ParameterValidation.applying(text, to: field, in: SessionParameters()).get()
    }

    func testLogitBias() {
        XCTAssertEqual(accepted(.logitBias, #"{"50256": -100, "15": 100, "7": 0.5}"#)?.logitBias, #"{"50256":-100,"15":100,"7":0.5}"#)
        XCTAssertEqual(accepted(.logitBias, "{}")?.logitBias, "{}")
        XCTAssertEqual(problem(.logitBias, "[1, 2]"), #"logit_bias must be a JSON object like {"50256": -100}"#)
        XCTAssertEqual(problem(.logitBias, #"{"": 1}"#), #"logit_bias keys are token ids (digits); "" is not"#)
        XCTAssertEqual(problem(.logitBias, #"{"-1": 1}"#), #"logit_bias keys are token ids (digits); "-1" is not"#)
        XCTAssertEqual(problem(.logitBias, #"{"١٢": 1}"#), #"logit_bias keys are token ids (digits); "١٢" is not"#, "ASCII digits only")
        XCTAssertEqual(problem(.logitBias, #"{"1": 100.5}"#), "logit_bias for token 1 must be a number from -100 to 100")
        XCTAssertEqual(problem(.logitBias, #"{"1": "5"}"#), "logit_bias for token 1 must be a number from -100 to 100")
        XCTAssertEqual(problem(.logitBias, #"{"1": 1, "1": 2}"#), "logit_bias has token 1 twice")
        XCTAssertEqual(problem(.logitBias, #"{"1": 1"#), "logit_bias is not valid JSON")
    }

    /// A key is quoted with escapes: the config file's message is printed before any view
    /// sanitizes it, so an escape sequence in a key must not reach the terminal raw.
    func testLogitBiasKeyIsQuotedWithEscapes() {
        XCTAssertEqual(problem(.logitBias, #"{"\u001b[2J": 1}"#), #"logit_bias keys are token ids (digits); "\u{1B}[2J" is not"#)
    }

    /// The config file checks parsed values through the same entry point; only the JSON fields take one.
    func testCheckingAParsedValue() {
        let tools = JSONValue.array([.object([("type", .string("function")), ("function", .object([("name", .string("f"))]))])])
        XCTAssertEqual(try JSONFieldValidation.check(tools, as: .tools), tools)
        XCTAssertThrowsError(try JSONFieldValidation.check(.array([]), as: .tools)) { error in
            XCTAssertEqual(error as? ParameterProblem, ParameterProblem("tools needs at least one tool (unset the field to send none)"))
        }
        XCTAssertThrowsError(try JSONFieldValidation.check(.string("m"), as: .model)) { error in
            XCTAssertEqual(error as? ParameterProblem, ParameterProblem("model does not hold JSON"))
        }
    }

    func testResponseFormat() {
        XCTAssertEqual(accepted(.responseFormat, #"{"type": "text"}"#)?.responseFormat, #"{"type":"text"}"#)
        let schema = #"{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"},"strict":true}}"#
        XCTAssertEqual(accepted(.responseFormat, schema)?.responseFormat, schema, "members and order kept")
        XCTAssertEqual(problem(.responseFormat, #""json_object""#), #"response_format must be a JSON object like {"type": "json_object"}"#)
        XCTAssertEqual(problem(.responseFormat, "{}"), #"response_format needs "type": "text", "json_object" or "json_schema""#)
        XCTAssertEqual(problem(.responseFormat, #"{"type": 1}"#), #"response_format needs "type": "text", "json_object" or "json_schema""#)
        XCTAssertEqual(problem(.responseFormat, #"{"type": "json_schema"}"#), #"response_format of type json_schema needs a "json_schema" object"#)
        XCTAssertEqual(problem(.responseFormat, #"{"type": "json_schema", "json_schema": "x"}"#), #"response_format of type json_schema needs a "json_schema" object"#)
        XCTAssertEqual(problem(.responseFormat, "{type: text}"), "response_format is not valid JSON")
    }

    func testTools() {
        let two = #"[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b","description":"d","parameters":{"type":"object"}}}]"#
        XCTAssertEqual(accepted(.tools, two)?.tools, two)
        XCTAssertEqual(problem(.tools, #"{"type":"function"}"#), #"tools must be a JSON array like [{"type": "function", "function": {"name": "f"}}]"#)
        XCTAssertEqual(problem(.tools, "[]"), "tools needs at least one tool (unset the field to send none)")
        XCTAssertEqual(problem(.tools, "[1]"), "tools[0] must be an object")
        XCTAssertEqual(problem(.tools, #"[{"type":"function","function":{"name":"a"}},{"type":"retrieval"}]"#), #"tools[1] needs "type": "function" (the only kind of tool)"#)
        XCTAssertEqual(problem(.tools, #"[{"type":"function"}]"#), #"tools[0] needs a "function" object"#)
        XCTAssertEqual(problem(.tools, #"[{"type":"function","function":{}}]"#), #"tools[0].function needs a non-empty "name""#)
        XCTAssertEqual(problem(.tools, #"[{"type":"function","function":{"name":""}}]"#), #"tools[0].function needs a non-empty "name""#)
    }

    func testNumbersAreDecimalOnly() {
        XCTAssertEqual(accepted(.temperature, ".5")?.temperature, 0.5)
        XCTAssertEqual(accepted(.temperature, "+1.25")?.temperature, 1.25)
        XCTAssertNotNil(problem(.temperature, "0x1p0"), "no hex floats")
        XCTAssertNotNil(problem(.temperature, "1,5"))
        XCTAssertNotNil(problem(.temperature, "infinity"))
        XCTAssertNotNil(problem(.maxTokens, "1e3"), "integer sliders take digits")
    }

    func testSingleLineTextRefusesControlCharacters() {
        XCTAssertEqual(problem(.user, "a\tb"), "user must not contain control characters")
        XCTAssertEqual(problem(.model, "gpt\u{1B}[2J"), "model must not contain control characters")
        XCTAssertEqual(problem(.sessionID, "a\r\nb"), "session_id must be one line")
        XCTAssertEqual(accepted(.model, " llama3.1:8b ")?.model, "llama3.1:8b")
    }

    func testStopEscapesRoundTripThroughTheFieldText() {
        let tricky = ["\n\n", "a\\nb", "tab\there", "\\", "plain", "\r\n"]
        for sequence in tricky {
            let p = SessionParameters(stop: [sequence])
            let text = ParameterField.stop.text(in: p) ?? ""
            XCTAssertFalse(text.contains("\n"), "one line per sequence: \(text)")
            XCTAssertEqual(accepted(.stop, text)?.stop, [sequence], "round trip of \(sequence.debugDescription)")
        }
        XCTAssertEqual(accepted(.stop, #"a\qb"#)?.stop, [#"a\qb"#], "an unknown escape stays as typed")
        XCTAssertEqual(accepted(.stop, "one\r\ntwo\n")?.stop, ["one", "two"], "CRLF separates lines too")
    }

    func testTypedValuesKeepTheirPrecisionAndShowIt() {
        let p = accepted(.temperature, "0.75")
        XCTAssertEqual(p?.temperature, 0.75)
        XCTAssertEqual(p.flatMap(ParameterField.temperature.text(in:)), "0.75", "the pane shows what is sent")
    }
}
