/// What the run loop asks of the message box's draft keeping (`DraftKeeping`, the composer's).
extension AppState {
    /// A draft write is owed: the run loop ticks soon so it goes out after a pause too.
    public var draftWriteOwed: Bool { composer.drafts?.unsavedSinceMillis != nil }
}
