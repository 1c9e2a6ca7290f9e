import ChatCore
import Foundation

/// The wall clock, for stamps and ticks' times (frame pacing and waits run on the runtime's
/// injected clock, `RuntimeClock`).
enum Clock {
    static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// What the run loop adds to every input action: the time, a fresh id and fresh random bits,
/// all three filled here (the reducer never reads a clock or a random source itself).
enum LiveStamp {
    static func make(nowMillis: Int64 = Clock.nowMillis()) -> Stamp {
        var generator = SystemRandomNumberGenerator()
        return Stamp(nowMillis: nowMillis, freshID: UUID().uuidString.lowercased(), random: generator.next())
    }
}
