// swift-tools-version: 6.1
// Benchmarks for illgate, kept as a separate package so that the main build and CI never compile
// ordo-one/benchmark. Run with: swift package --disable-sandbox benchmark
// Load and durability harness (README.md, "Durable throughput"): load/run.sh, TCPLoad, GatewayCommit.
import PackageDescription

let package = Package(
    name: "illgate-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "illgate", path: ".."),
        // The explicit trait replaces the default set, whose RuntimeInterposer pulls an unmirrored package.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // The bare-SQLite reference of GatewayCommit (the same version the root package uses).
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The bare HTTP route of load/run.sh (the same version the root package uses).
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        // Raw libxml2 for the reference measurement (the root package's CLibXML2 is not a product).
        .systemLibrary(
            name: "CLibXML2Bench",
            path: "Sources/CLibXML2Bench",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .executableTarget(
            name: "Codec",
            dependencies: [
                "CLibXML2Bench",
                .product(name: "ISO18626", package: "illgate"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Codec",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Closed-loop load generator for the daemon's TCP binding (length mode); plain sockets and poll(2).
        // Not under Benchmarks/: the benchmark plugin runs every executable target there as a benchmark.
        .executableTarget(
            name: "TCPLoad",
            path: "Sources/TCPLoad"
        ),
        // The HTTP reference of load/run.sh: Hummingbird, one libxml2 parse, a fixed confirmation.
        .executableTarget(
            name: "BareRoute",
            dependencies: ["CLibXML2Bench", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/BareRoute"
        ),
        // Durable messages/s of Gateway.handle in process (1 and 64 concurrent callers), on a fresh SQLite file
        // or one prefilled with a million transactions, beside a bare GRDB loop writing the same rows.
        .executableTarget(
            name: "GatewayCommit",
            dependencies: [
                .product(name: "Gateway", package: "illgate"),
                .product(name: "Store", package: "illgate"),
                .product(name: "ISO18626", package: "illgate"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/GatewayCommit"
        ),
    ]
)
