import XCTest
@testable import chatterm

/// The run loop's stamps: where time, ids and random bits come from. Every field is filled
/// here (a stamp with `random` left at 0 made `r` always pick seed 0).
final class LiveStampTests: XCTestCase {
    func testEveryFieldIsFilledAndFreshEachTime() {
        let before = Clock.nowMillis()
        let stamps = (0..<64).map { _ in LiveStamp.make() }
        let after = Clock.nowMillis()
        XCTAssertTrue(stamps.allSatisfy { (before...after).contains($0.nowMillis) }, "the wall clock, in milliseconds")
        XCTAssertEqual(Set(stamps.map(\.freshID)).count, stamps.count, "a new id every time")
        XCTAssertTrue(stamps.allSatisfy { UUID(uuidString: $0.freshID) != nil && $0.freshID == $0.freshID.lowercased() })
        // 64 draws of 64 random bits: all distinct and none zero, unless the source is broken.
        XCTAssertEqual(Set(stamps.map(\.random)).count, stamps.count)
        XCTAssertFalse(stamps.contains { $0.random == 0 })
        // Both halves vary: a seed takes the low 31 bits.
        XCTAssertGreaterThan(Set(stamps.map { $0.random % (1 << 31) }).count, 60)
    }
}
