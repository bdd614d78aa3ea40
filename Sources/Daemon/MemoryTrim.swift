#if canImport(Glibc)
import Glibc
#endif
import ServiceLifecycle

/// Gives memory freed after a burst back to the system. glibc's allocator keeps the heap pages of freed
/// allocations (thousands of connections' buffers after a slow-connection attack, say) for reuse, so the
/// daemon's resident size would stay at its peak; `malloc_trim(0)` returns the free pages. Once a `period`,
/// a few milliseconds of work at most; nothing where the C library has no `malloc_trim`.
struct MemoryTrim: Service {
    /// How often the free pages are returned.
    var period: Duration = .seconds(30)

    /// glibc's `malloc_trim`, looked up at run time: Swift's Glibc module does not export `<malloc.h>`.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Runs until graceful shutdown (a service of the daemon's group must not end before it).
    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            // Wakes at once on SIGTERM, so that the shutdown does not wait for the period.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
            _ = Self.trim?(0)
        }
    }
}
