import XCTest
@testable import ChatCore
import StreamProtocol

/// The overlays' scoped command functions: their payload (and the values passed down) in, a
/// `Reduced` out: what is open next, the notice, and what the root must do.
final class OverlayRoomTests: XCTestCase {
    private let context = AppState(profile: premProfile).context

    func testTheHelpMovesOrClosesItselfAndPassesOtherCommands() {
        let scroll = ScrollState(metrics: ScrollMetrics(totalRows: 30, viewportRows: 10))
        XCTAssertEqual(helpCommand(.scrollDown, scroll), Reduced(shared: [.present(.help(ScrollState(position: .row(1), metrics: scroll.metrics)))]))
        XCTAssertEqual(helpCommand(.close, scroll), Reduced(shared: [.present(nil)]))
        XCTAssertNil(helpCommand(.send, scroll))
        XCTAssertEqual(openHelp(), Reduced(shared: [.present(.help(ScrollState()))]))
    }

    func testThePaletteGivesBackWhatItOpenedOverAndAsksTheRootToRun() {
        let below = Destination.help(ScrollState())
        XCTAssertEqual(CommandPalette.toggle(over: below), Reduced(shared: [.present(.palette(CommandPalette(below: below)))]))
        XCTAssertEqual(CommandPalette.toggle(over: .palette(CommandPalette(below: below))), Reduced(shared: [.present(below)]))
        let entries = CommandPalette.entries(contexts: [.sessions, .global, .app], keymap: .defaults, filter: "")
        let palette = CommandPalette(below: nil)
        let chosen = entries[0]
        XCTAssertEqual(paletteCommand(.choose, palette, entries: entries),
                       Reduced(shared: [.present(nil), .focus(.sessions)], delegates: [.run(chosen)]))
        XCTAssertEqual(paletteCommand(.choose, CommandPalette(filter: TextInput(text: "zz")), entries: []),
                       .notice("No command matches \"zz\"."))
        XCTAssertNil(paletteCommand(.send, palette, entries: entries))
    }

    func testAQuestionClosesEitherWayAndOnlyYesAsksForTheDelete() {
        let question = Confirm.deleteSession(id: "S1")
        XCTAssertEqual(question.answer(.confirm), Reduced(shared: [.present(nil)], delegates: [.confirmed(question)]))
        XCTAssertEqual(question.answer(.decline), Reduced(shared: [.present(nil), .notice("Nothing deleted.")]))
        XCTAssertNil(question.answer(.send))
    }

    func testTheModelPickerAsksForNewParametersOnlyWhenTheModelChanges() {
        var parameters = SessionParameters()
        parameters.model = "a-1"
        let picker = ModelPicker(listing: .loaded(["a-1", "b-1"]))
        XCTAssertEqual(modelPickerCommand(.choose, picker, parameters: parameters, context), Reduced(shared: [.present(nil)]))
        var next = picker
        next.selection = ListSelection(index: 1)
        var changed = parameters
        changed.model = "b-1"
        XCTAssertEqual(modelPickerCommand(.choose, next, parameters: parameters, context),
                       Reduced(shared: [.present(nil)], delegates: [.setParameters(changed)]))
        let blank = ModelPicker(listing: .failed("offline"), filter: TextInput(text: "  "))
        XCTAssertEqual(modelPickerCommand(.choose, blank, parameters: parameters, context),
                       .notice("Type a model name (Esc keeps the current one)."))
        XCTAssertEqual(ModelPicker.open(), Reduced(effects: [.listModels], shared: [.present(.modelPicker(ModelPicker()))]))
    }

    func testTheModelListIsSortedUniqueWithTheModelInUseChosen() {
        var picker = ModelPicker()
        picker.listed(["b", "a", "b", " ", "c"], current: "b")
        XCTAssertEqual(picker.listing, .loaded(["a", "b", "c"]))
        XCTAssertEqual(picker.selection, ListSelection(index: 1))
        picker.listingFailed("offline")
        XCTAssertEqual(picker, ModelPicker(listing: .failed("offline")))
    }

    func testThePresetsAskTheRootForWhatTouchesThePresetsOrParameters() {
        var picker = PresetPicker()
        picker.selection = ListSelection(index: 1)
        XCTAssertEqual(presetsCommand(.choose, picker, count: 3), Reduced(delegates: [.apply(1)]))
        XCTAssertEqual(presetsCommand(.deletePreset, picker, count: 3), Reduced(delegates: [.delete(picker)]))
        XCTAssertEqual(presetsCommand(.close, picker, count: 3), Reduced(shared: [.present(nil)]))
        XCTAssertNil(presetNameCommand(.accept, picker), "no name is being typed")
        picker.naming = TextInput(text: "terse")
        XCTAssertEqual(presetNameCommand(.accept, picker), Reduced(delegates: [.save(picker, name: "terse")]))
        var back = picker
        back.naming = nil
        XCTAssertEqual(presetNameCommand(.close, picker), Reduced(shared: [.present(.presets(back))]))
    }

    func testTheInspectorOpensOnAReplyOrSaysWhyNot() {
        XCTAssertEqual(MessageInspector.open(on: nil, anyReplies: false), .notice("No reply to inspect yet."))
        XCTAssertEqual(MessageInspector.open(on: nil, anyReplies: true),
                       .notice("The selected message has no reply yet: select a reply to inspect it."))
        let stored = Message(id: "r1", role: .assistant, content: "hi", createdAtMillis: 0)
        XCTAssertEqual(MessageInspector.open(on: stored, anyReplies: true),
                       Reduced(effects: [.loadSentRequest(messageID: "r1")], shared: [.present(.inspector(MessageInspector(messageID: "r1")))]))
        var inspector = MessageInspector(messageID: "r1")
        inspector.requestLoaded(messageID: "r2", nil)
        XCTAssertEqual(inspector.request, .loading, "an answer for another reply is dropped")
        inspector.requestLoadFailed(messageID: "r1", problem: "locked")
        XCTAssertEqual(inspector.request, .failed("locked"))
    }
}
