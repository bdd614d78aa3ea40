#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A ``LogSink`` that writes each line to a file descriptor with a single `write(2)`.
///
/// Swift 6 rejects the C `stdout` global, and buffered `FILE` streams would split lines between threads, so
/// lines go straight to the descriptor. A lock serializes writers within the process: a normal line goes out in
/// one `write(2)`, and should the kernel accept only part of a very long line, the rest follows before any other
/// line can start. Use the shared ``standardOutput`` instance so that every handler shares that lock.
///
/// Write errors are dropped: a logger has nowhere to report them.
public final class FileDescriptorLogSink: LogSink {
    /// The sink for file descriptor 1, shared by every handler that logs to standard output.
    public static let standardOutput = FileDescriptorLogSink(fileDescriptor: 1)

    /// The descriptor lines are written to. The sink does not own it and never closes it.
    public let fileDescriptor: Int32

    /// Serializes writers, so a partially written line is finished before the next one starts.
    private let lock = Mutex(())

    /// Creates a sink for a descriptor.
    /// - Parameter fileDescriptor: An open descriptor; the caller keeps it open for the sink's lifetime.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes the line to the descriptor, normally with one `write(2)`.
    /// - Parameter line: The formatted line, ending in a newline.
    public func write(line: String) {
        var line = line
        line.withUTF8 { bytes in
            self.lock.withLock { _ in
                Self.writeAll(bytes, to: self.fileDescriptor)
            }
        }
    }

    /// Writes all bytes, retrying after interrupts and partial writes, waiting briefly on a full non-blocking
    /// descriptor and giving up on any other error.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fileDescriptor: Int32) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        var waits = 0
        while remaining > 0 {
            let written = systemWrite(fileDescriptor, next, remaining)
            if written > 0 {
                next += written
                remaining -= written
                continue
            }
            let code = errno
            if written < 0 && code == EINTR {
                continue
            }
            if written < 0 && (code == EAGAIN || code == EWOULDBLOCK) && waits < maximumWaits {
                waits += 1
                var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptor, 1, waitMilliseconds)
                continue
            }
            return
        }
    }

    /// How often a full non-blocking descriptor is waited for before the rest of a line is dropped.
    private static let maximumWaits = 50
    /// How long each of those waits lasts.
    private static let waitMilliseconds: Int32 = 100
}

/// `write(2)`, under a name that does not clash with ``FileDescriptorLogSink/write(line:)``.
private func systemWrite(_ fileDescriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(fileDescriptor, bytes, count)
    #elseif canImport(Musl)
    Musl.write(fileDescriptor, bytes, count)
    #else
    Glibc.write(fileDescriptor, bytes, count)
    #endif
}
