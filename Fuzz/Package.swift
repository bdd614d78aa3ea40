// swift-tools-version: 6.1
// libFuzzer targets for illgate, kept as a separate package so that the main build and CI's test run never
// compile with sanitizers. Build and run with ./run.sh (README.md in this folder): the whole graph, the root
// package included, is built with AddressSanitizer and libFuzzer's coverage instrumentation, and each target
// is an ordinary executable that starts libFuzzer itself (FuzzSupport's FuzzDriver).
import PackageDescription

/// A fuzz target: an executable in Sources/NAME that starts libFuzzer through FuzzSupport.
func fuzzTarget(_ name: String, _ products: [(name: String, package: String)]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + products.map { .product(name: $0.name, package: $0.package) })
}

let package = Package(
    name: "illgate-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "illgate", path: ".."),
        // The TCP framer's input is a NIO ByteBuffer (the same version the root package uses).
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    ],
    targets: [
        // What the targets share: starting libFuzzer, running async work from its synchronous callback.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        // ISO18626Decoder.decode on arbitrary bytes.
        fuzzTarget("FuzzDecoder", [("ISO18626", "illgate")]),
        // TCPFrameDecoder (both framings) fed in chunks chosen by the input, down to byte by byte, and
        // compared with the same bytes fed whole.
        fuzzTarget("FuzzTCPFramer", [("Transport", "illgate"), ("NIOCore", "swift-nio")]),
        // DaemonConfiguration.parse on arbitrary TOML text.
        fuzzTarget("FuzzConfiguration", [("Daemon", "illgate")]),
        // HoldingsCSVReader.read on arbitrary text, its records then imported into a store.
        fuzzTarget("FuzzHoldingsCSV", [("Gateway", "illgate"), ("Store", "illgate")]),
        // Gateway.handle on a SQLite store in a temporary directory, from a configured peer.
        fuzzTarget("FuzzGateway", [("Gateway", "illgate"), ("Store", "illgate"), ("ISO18626", "illgate"), ("Policy", "illgate")]),
    ]
)
