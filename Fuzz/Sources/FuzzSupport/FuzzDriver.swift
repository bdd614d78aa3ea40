import Foundation

/// libFuzzer's entry point for programs that keep their own `main` (compiler-rt's `fuzzer_no_main` archive).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target of this process; set once by ``FuzzDriver/run(_:)`` before libFuzzer starts. libFuzzer calls
/// back on the thread that started it, the main thread.
@MainActor private var target: (@MainActor ([UInt8]) -> Void)?

/// Runs libFuzzer over one target.
///
/// A fuzz target is an ordinary executable whose `main.swift` calls this: SwiftPM gives every executable a
/// `main`, so libFuzzer is linked without its own (`libclang_rt.fuzzer_no_main`, see ../run.sh) and started
/// through `LLVMFuzzerRunDriver`. The command line is libFuzzer's (corpus directories, `-max_total_time=`, ...).
public enum FuzzDriver {
    /// Hands every input libFuzzer generates to `testOneInput` (on the main thread), then exits with libFuzzer's
    /// status.
    @MainActor
    public static func run(_ testOneInput: @escaping @MainActor ([UInt8]) -> Void) -> Never {
        target = testOneInput
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            MainActor.assumeIsolated { target?(bytes) }
            return 0
        }
        exit(status)
    }
}
