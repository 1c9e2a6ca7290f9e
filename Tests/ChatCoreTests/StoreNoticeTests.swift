import XCTest
@testable import ChatCore
import StreamProtocol

/// Writes kept while the database refuses them, and their reaching it: the status line says so
/// and nothing else changes (unlike `.storeFailed`, a waiting send and a pending read go on).
final class StoreNoticeTests: XCTestCase {
    func testWaitingAndSavedChangesAreSaidAndLeaveAWaitingSendAndReadAlone() {
        var start = AppState(profile: premProfile)
        start.streaming.pendingSend = PendingSend(sessionID: "s1", stamp: stamp(5))
        start.conversation.window.pendingLoad = .newest
        start.status.notice = "Not saved: database locked by another process; retrying (2 changes waiting)"
        let store = TestStore(start)
        store.send(.storeNotice("Not saved: database locked by another process; retrying (3 changes waiting)")) {
            $0.status.notice = "Not saved: database locked by another process; retrying (3 changes waiting)"
        }
        store.send(.storeNotice("Saved: the 2 changes that waited are in the database now.")) {
            $0.status.notice = "Saved: the 2 changes that waited are in the database now."
        }
    }
}
