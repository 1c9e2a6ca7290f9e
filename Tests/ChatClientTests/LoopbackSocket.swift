import Foundation

/// A TCP socket bound to 127.0.0.1 on a port the kernel picks, and that port. The caller owns
/// the descriptor: it listens on it (a test server) or closes it (a port that refuses).
func boundLoopbackSocket() throws -> (descriptor: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EBADF) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
        }
    }
    guard bound else {
        close(fd)
        throw POSIXError(.EADDRNOTAVAIL)
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A 127.0.0.1 port nothing listens on (bound, then closed): connecting is refused.
func closedLocalPort() throws -> UInt16 {
    let bound = try boundLoopbackSocket()
    close(bound.descriptor)
    return bound.port
}
