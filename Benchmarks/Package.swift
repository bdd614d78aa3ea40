// swift-tools-version: 6.1
// Benchmarks for illgate, kept as a separate package so that the main build and CI never compile
// ordo-one/benchmark. Run with: swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "illgate-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "illgate", path: ".."),
        // The explicit trait replaces the default set, whose RuntimeInterposer pulls an unmirrored package.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
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
    ]
)
