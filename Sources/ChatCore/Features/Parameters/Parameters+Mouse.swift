import StreamProtocol

/// A click on a row of the parameters pane (where it is comes from the last frame's map): the
/// cursor goes to its field; on a slider's track the value under the pointer is taken and saved.
func parametersClicked(
    _ row: ScreenMap.ParameterRow, x: Int, _ pane: inout ParameterPaneState, _ parameters: inout SessionParameters,
    _ stamp: Stamp
) -> Reduced<ParametersDelegate> {
    pane.selectedField = row.field
    guard row.isTrack, case let .slider(numeric) = row.field.kind, row.width > 1 else { return Reduced() }
    // The track's first cell is the lowest value, its last the highest, on the scale the
    // pane draws (logarithmic for max_tokens).
    let fraction = Double(min(max(x - row.x, 0), row.width - 1)) / Double(row.width - 1)
    numeric.set(numeric.value(atTrackFraction: fraction), in: &parameters)
    return Reduced(delegates: [.changed(nowMillis: stamp.nowMillis)])
}
