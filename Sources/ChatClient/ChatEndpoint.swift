import StreamProtocol

/// The client's name for `EndpointPaths` (which lives in StreamProtocol so the pure core can
/// use it too).
public typealias ChatEndpoint = EndpointPaths
