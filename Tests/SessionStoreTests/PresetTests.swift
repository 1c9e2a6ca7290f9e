import ChatCore
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore

final class PresetTests: XCTestCase {
    func testSaveListReplaceAndDelete() throws {
        let store = try SessionStore.inMemory()
        XCTAssertEqual(try store.listPresets(), [])

        let precise = Preset(name: "precise", parameters: SessionParameters(temperature: 0.1, topP: 0.5, seed: 7))
        let creative = Preset(name: "Creative", parameters: ReplyRecordTests.everyField)
        let apple = Preset(name: "apple", parameters: SessionParameters(stop: ["x"]))
        try store.savePreset(precise, updatedAtMillis: 1)
        try store.savePreset(creative, updatedAtMillis: 2)
        try store.savePreset(apple, updatedAtMillis: 3)
        // Listed by name, ignoring case; every field comes back.
        XCTAssertEqual(try store.listPresets(), [apple, creative, precise])

        // Saving under an existing name replaces that preset (and only it).
        let precise2 = Preset(name: "precise", parameters: SessionParameters(maxTokens: 64))
        try store.savePreset(precise2, updatedAtMillis: 4)
        XCTAssertEqual(try store.listPresets(), [apple, creative, precise2])
        // Names are exact: "Precise" is another preset.
        let capital = Preset(name: "Precise", parameters: SessionParameters())
        try store.savePreset(capital, updatedAtMillis: 5)
        XCTAssertEqual(try store.listPresets().map(\.name), ["apple", "Creative", "Precise", "precise"])

        try store.deletePreset(name: "precise")
        XCTAssertEqual(try store.listPresets(), [apple, creative, capital])
        try store.deletePreset(name: "no such preset")
        XCTAssertEqual(try store.listPresets().count, 3)
    }

    func testPresetsOutliveSessionsAndSurviveReopening() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let preset = Preset(name: "名前 with spaces", parameters: ReplyRecordTests.everyField)
        do {
            let store = try SessionStore(path: path)
            try store.createSession(session("s", updated: 1), parameters: preset.parameters)
            try store.savePreset(preset, updatedAtMillis: 1)
            try store.deleteSession(id: "s")
            try store.close()
        }
        XCTAssertEqual(try SessionStore(path: path).listPresets(), [preset])
    }

    func testUnreadablePresetIsListedWithNothingSet() throws {
        let store = try SessionStore.inMemory()
        try store.executeForTesting(
            sql: "INSERT INTO preset (name, parameters_json, updated_at) VALUES ('broken', '{oops', 1)"
        )
        XCTAssertEqual(try store.listPresets(), [Preset(name: "broken", parameters: SessionParameters())])
    }

    func testPresetWritesFailWithTheSameStoreErrorsAsSessions() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let holder = try SessionStore(path: path)
        let waiter = try SessionStore(path: path, busyTimeoutSeconds: 0.2)
        try waiter.savePreset(Preset(name: "kept", parameters: SessionParameters()), updatedAtMillis: 1)

        var errors: [StoreError] = []
        try holder.holdingExclusiveLockForTesting {
            for attempt in [
                { try waiter.savePreset(Preset(name: "new", parameters: SessionParameters()), updatedAtMillis: 2) },
                { try waiter.deletePreset(name: "kept") },
            ] as [() throws -> Void] {
                do { try attempt() } catch let error as StoreError { errors.append(error) }
            }
        }
        XCTAssertEqual(errors.map(\.kind), [.locked, .locked])
        XCTAssertTrue(errors[0].message.hasPrefix("The session database \(path) is locked by another process"), errors[0].message)
        XCTAssertEqual(try waiter.listPresets().map(\.name), ["kept"], "reads go on while locked; nothing changed")

        try waiter.makeReadOnlyForTesting()
        XCTAssertThrowsError(try waiter.savePreset(Preset(name: "x", parameters: SessionParameters()), updatedAtMillis: 3)) {
            XCTAssertEqual(($0 as? StoreError)?.kind, .readOnly)
        }
        XCTAssertThrowsError(try waiter.deletePreset(name: "kept")) {
            XCTAssertEqual(($0 as? StoreError)?.kind, .readOnly)
        }

        try holder.limitGrowthForTesting()
        let huge = Preset(
            name: "huge", parameters: SessionParameters(systemPrompt: String(repeating: "long prompt ", count: 50_000))
        )
        XCTAssertThrowsError(try holder.savePreset(huge, updatedAtMillis: 4)) {
            XCTAssertEqual(($0 as? StoreError)?.kind, .diskFull)
        }
        XCTAssertEqual(try holder.listPresets().map(\.name), ["kept"])

        try holder.close()
        XCTAssertThrowsError(try holder.listPresets(), "a closed store refuses work")
    }
}
