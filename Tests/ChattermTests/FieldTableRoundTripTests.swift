import ChatCore
import ChattermConfig
import ScriptMode
import StreamProtocol
import XCTest
@testable import chatterm

/// Walks the field table: every row can be set through each door the table generates (a
/// `[defaults]` key, an `ask` flag, the pane's typed-value gate) to the same value, and the
/// encoder sends it under the row's wire name in each dialect (or leaves it out where the row
/// says the dialect lacks it). A new row is covered here without writing anything new, as long
/// as `sample(for:)` knows its kind.
final class FieldTableRoundTripTests: XCTestCase {
    /// A value for `field`: as typed in the pane, as `ask` flag values, as a TOML value, and as
    /// the body carries it.
    struct Sample {
        var typed: String
        var flagValues: [String]
        var toml: String
        var wire: JSONValue
    }

    func sample(for field: RequestField) throws -> Sample {
        switch (field.kind, field.storage) {
        case let (.slider(numeric), _):
            // Three steps up from the bottom: inside the range, on the grid, not the default.
            let value = numeric.normalized(numeric.range.lowerBound + 3 * numeric.step)
            let text = numeric.format(value)
            return Sample(typed: text, flagValues: [text], toml: text, wire: .number(value))
        case let (.integer(minimum), _):
            let value = max(minimum, 0) + 7
            return Sample(typed: "\(value)", flagValues: ["\(value)"], toml: "\(value)", wire: .number(Double(value)))
        case (.text, _):
            return Sample(typed: "sample-\(field.id)", flagValues: ["sample-\(field.id)"], toml: "\"sample-\(field.id)\"",
                          wire: .string("sample-\(field.id)"))
        case (.multilineText, _):
            return Sample(typed: "line one\nline two", flagValues: ["line one\nline two"], toml: "\"line one\\nline two\"",
                          wire: .string("line one\nline two"))
        case (.list, .strings):
            return Sample(typed: "END\n###", flagValues: ["END", "###"], toml: "[\"END\", \"###\"]",
                          wire: .array([.string("END"), .string("###")]))
        case (.list, .integers):
            return Sample(typed: "3\n4", flagValues: ["3", "4"], toml: "[3, 4]", wire: .array([.number(3), .number(4)]))
        case let (.json(shape), _):
            let text: String
            switch shape {
            case .logitBias: text = #"{"50256":-100}"#
            case .responseFormat: text = #"{"type":"json_object"}"#
            case .tools: text = #"[{"type":"function","function":{"name":"f"}}]"#
            }
            let value = try XCTUnwrap(JSONValue.parse(text))
            return Sample(typed: text, flagValues: [text], toml: "'\(text)'", wire: value)
        default:
            // A fail, not a skip: a skip here would pass the whole walk over with a row untested.
            throw NoSample(field: field.id)
        }
    }

    /// A row of a kind `sample(for:)` does not know yet: teach it one before adding the row.
    struct NoSample: Error, CustomStringConvertible {
        var field: String
        var description: String { "no sample for the kind of \(field): add one to sample(for:)" }
    }

    func testEveryRowRoundTripsThroughEachDoorAndTheEncoder() throws {
        XCTAssertEqual(RequestField.all.count, 18, "the seed's fields except messages and stream")
        for field in RequestField.all {
            let sample = try sample(for: field)

            // The pane: the typed-value gate its editor commits through.
            let viaPane = try ParameterValidation.applying(sample.typed, to: field, in: SessionParameters()).get()
            XCTAssertTrue(field.isSet(in: viaPane), field.id)
            XCTAssertEqual(field.text(in: viaPane), sample.typed, "\(field.id): the pane shows what was typed")

            // `ask`: the row's flag, parsed by the real command.
            var arguments: [String] = []
            for value in sample.flagValues { arguments += [field.ask.name, value] }
            let command = try AskCommand.parse(arguments + ["a prompt"])
            let viaAsk = try command.fieldFlags().applied(to: SessionParameters()).get()
            XCTAssertEqual(viaAsk, viaPane, "\(field.id): \(field.ask.name) sets what the pane sets")

            // `[defaults]`: the row's key, dotted for a sub-table.
            switch field.config {
            case let .key(key):
                let settings = try ConfigFileParser.parse(
                    text: "[defaults]\n\(key) = \(sample.toml)\n", path: "/c.toml", permissions: 0o600, homeDirectory: nil)
                XCTAssertEqual(settings.defaults, viaPane, "\(field.id): [defaults] \(key) sets what the pane sets")
            case let .elsewhere(hint):
                XCTAssertThrowsError(try ConfigFileParser.parse(
                    text: "[defaults]\n\(field.id) = \(sample.toml)\n", path: "/c.toml", permissions: 0o600, homeDirectory: nil)
                ) { error in
                    XCTAssertTrue("\(error)".contains(hint), "\(field.id): \(error)")
                }
            }

            // The encoder, in each dialect.
            for dialect in [Dialect.prem, .openai] {
                let request = ChatRequest(messages: [ChatMessage(role: .user, content: "hi")], parameters: viaPane)
                let body = try XCTUnwrap(JSONValue.parse(String(decoding: RequestEncoder.body(for: request, dialect: dialect), as: UTF8.self)))
                let unsupported = RequestEncoder.unsupportedFields(in: request, dialect: dialect)
                switch field.wire.name(in: dialect) {
                case let .member(name):
                    XCTAssertEqual(body[name], sample.wire, "\(field.id) in \(dialect)")
                    XCTAssertEqual(unsupported, [], "\(field.id) in \(dialect)")
                case let .nested(name, parent):
                    XCTAssertEqual(body[parent]?[name], sample.wire, "\(field.id) in \(dialect)")
                case .systemMessage:
                    XCTAssertEqual(body["messages"]?[0]?["role"], .string("system"), "\(field.id) in \(dialect)")
                    XCTAssertEqual(body["messages"]?[0]?["content"], sample.wire, "\(field.id) in \(dialect)")
                case .notSent:
                    let topLevel = try XCTUnwrap(field.wire.prem.topLevelName ?? field.wire.openai.topLevelName)
                    XCTAssertNil(body[topLevel], "\(field.id) is not sent in \(dialect)")
                    XCTAssertEqual(unsupported, [topLevel], "\(field.id): \(dialect) says it cannot carry it")
                }
            }
        }
    }

    /// `ask --help` lists every row's flag with the row's help text.
    func testAskHelpListsEveryRowsFlag() {
        let help = AskCommand.helpMessage(columns: 1000)
        for field in RequestField.all {
            XCTAssertTrue(help.contains(field.ask.name), field.ask.name)
            XCTAssertTrue(help.contains(field.help) || field.ask.name == "--model" || field.ask.name == "--project-id",
                          "\(field.id): \(field.help)")
        }
    }
}
