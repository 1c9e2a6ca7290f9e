import XCTest
@testable import ChatCore
import StreamProtocol

/// Writes that waited for a locked or read-only database reached it: the status line says so
/// and nothing else changes (unlike `.storeFailed`, a waiting send and a pending read go on).
final class StoreSavedTests: XCTestCase {
    func testSavedWaitingChangesAreSaidAndLeaveAWaitingSendAndReadAlone() {
        var start = AppState(profile: premProfile)
        start.streaming.pendingSend = PendingSend(sessionID: "s1", stamp: stamp(5))
        start.conversation.window.pendingLoad = .newest
        start.status.notice = "Not saved: database locked by another process; retrying (2 changes waiting)"
        let store = TestStore(start)
        store.send(.storeSaved("Saved: the 2 changes that waited are in the database now.")) {
            $0.status.notice = "Saved: the 2 changes that waited are in the database now."
        }
    }
}
