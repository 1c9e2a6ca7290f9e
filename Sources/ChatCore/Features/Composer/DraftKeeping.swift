/// What the message box holds is kept per session in the store, so a restart or a crash
/// (kill -9) loses at most about a second of typing. nil in `ComposerState.drafts` (the default,
/// and `chatterm ask`): no draft is kept.
///
/// The reducer decides when to write (`Reducer+Drafts.swift`); the store writes off the main
/// thread (`Effect.saveDraft`). A write is owed when the box differs from what was saved last;
/// it goes out once the change is `saveAfterMillis` old (so steady typing writes about once a
/// second, not once per key), at once when the box is emptied (a sent or cleared message
/// must not come back), when the session changes, and on quit.
public struct DraftKeeping: Sendable, Equatable {
    /// The session whose draft the box holds (nil: a new session, not yet in the store).
    public var sessionID: String?
    /// The text the store has for it.
    public var savedText: String
    /// When the box first differed from `savedText` (nil: nothing owed).
    public var unsavedSinceMillis: Int64?

    /// The run loop ticks every 250 ms while a write is owed, so the newest change is at most
    /// this plus a tick old when it is written: under a second of typing at risk.
    public static let saveAfterMillis: Int64 = 700

    public init(sessionID: String? = nil, savedText: String = "") {
        self.sessionID = sessionID
        self.savedText = savedText
    }
}
