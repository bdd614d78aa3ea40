// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "illgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "illgate", targets: ["illgate"]),
        .library(name: "ISO18626", targets: ["ISO18626"]),
        // For Benchmarks/ (GatewayCommit measures Gateway.handle on the SQLite store in process).
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "Store", targets: ["Store"]),
        // For Fuzz/ (the TCP framer, the configuration loader and the gateway with its policy are fuzz targets).
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Daemon", targets: ["Daemon"]),
        .library(name: "Policy", targets: ["Policy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev). Only ISO18626 imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libharu (Debian: libhpdf-dev) and libzint (libzint-dev) from the system. Only Printing imports them.
        .systemLibrary(
            name: "CLibHaru",
            providers: [.apt(["libhpdf-dev"]), .brew(["libharu"])]
        ),
        .systemLibrary(
            name: "CZint",
            providers: [.apt(["libzint-dev"]), .brew(["zint"])]
        ),
        // Turns schemas/*.xsd into Swift string constants at build time, so the
        // binary carries the schemas it validates against (no lookup at run time).
        .executableTarget(
            name: "SchemaEmbedder",
            path: "Sources/SchemaEmbedder",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedSchemasPlugin",
            capability: .buildTool(),
            dependencies: ["SchemaEmbedder"],
            path: "Sources/EmbedSchemasPlugin"
        ),
        // The wire format: typed messages, tolerant decoder, strict encoder, XSD validation.
        .target(
            name: "ISO18626",
            dependencies: ["CLibXML2"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedSchemasPlugin"]
        ),
        // PDF documents (pages, text in the standard fonts, tables across pages, Code 128 barcodes) over
        // libharu and libzint. Knows nothing of ILL: invoices, labels and slips are laid out with it elsewhere.
        .target(
            name: "Printing",
            dependencies: ["CLibHaru", "CZint"],
            swiftSettings: swiftSettings
        ),
        // The printed documents (invoices, book bands, lending labels, packing lists), laid out with Printing
        // from the Gateway's document models. The Gateway itself knows nothing of PDF.
        .target(
            name: "Documents",
            dependencies: ["Printing", "Gateway"],
            swiftSettings: swiftSettings
        ),
        // Both roles' state machines and transition tables: pure, no I/O.
        .target(
            name: "Transactions",
            dependencies: ["ISO18626"],
            swiftSettings: swiftSettings
        ),
        // Lending, borrowing and copyright decisions: pure functions of the request, the peer, item facts,
        // counts from history, the configuration and a clock. No database handle, no I/O.
        .target(
            name: "Policy",
            dependencies: ["ISO18626"],
            swiftSettings: swiftSettings
        ),
        // Persistence: the TransactionStore protocol and its SQLite implementation (GRDB), with group commit.
        .target(
            name: "Store",
            dependencies: [
                "ISO18626",
                "Transactions",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The application core: inbound pipeline, staff actions, outbound message building.
        .target(
            name: "Gateway",
            dependencies: [
                "ISO18626", "Transactions", "Policy", "Store",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // Listeners (HTTP on Hummingbird, TCP on SwiftNIO with our framing), peer clients, the outbox
        // dispatcher and the admin API. Decodes nothing itself: bytes go to the Gateway.
        .target(
            name: "Transport",
            dependencies: [
                "Gateway",
                "ISO18626",
                "Documents",
                "Printing",
                "Store",
                "Transactions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Wiring: configuration, logging, services, systemd notification and signals.
        .target(
            name: "Daemon",
            dependencies: [
                "Transport",
                "Gateway",
                "Policy",
                "Store",
                "ISO18626",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "illgate",
            dependencies: [
                "ISO18626",
                "Transactions",
                "Policy",
                "Store",
                "Gateway",
                "Transport",
                "Daemon",
                "Documents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PolicyTests",
            dependencies: ["Policy", "ISO18626"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransactionsTests",
            dependencies: ["Transactions", "ISO18626"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Policy", "Store", "Transactions", "ISO18626", "GatewayExerciser", "CLostWriteVFS",
                "Documents", "Printing", "PrintingTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Test-only: an SQLite VFS that loses the writes not yet synced, for the lost-write durability test.
        .target(
            name: "CLostWriteVFS",
            path: "Tests/CLostWriteVFS",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // The SQLite store on its own: migrations from every earlier version, round trips, group commit, retention.
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Transactions", "ISO18626", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // A child process for the crash test: applies messages until it is killed.
        .executableTarget(
            name: "GatewayExerciser",
            dependencies: ["Gateway", "Store", "ISO18626"],
            path: "Tests/GatewayExerciser",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport",
                "Gateway",
                "Store",
                "Transactions",
                "ISO18626",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["Daemon", "Transport", "Gateway", "Store", "Transactions", "Policy", "ISO18626", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ISO18626", "illgate", "ProcessTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Runs test commands with posix_spawn (Foundation's Process.run() can crash the runner on Linux).
        .target(
            name: "ProcessTestSupport",
            path: "Tests/ProcessTestSupport",
            swiftSettings: swiftSettings
        ),
        // Reads rendered PDFs with poppler-utils and zbar-tools, for every test target that prints.
        .target(
            name: "PrintingTestSupport",
            dependencies: ["ProcessTestSupport"],
            path: "Tests/PrintingTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", "Gateway", "Printing", "PrintingTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrintingTests",
            dependencies: ["Printing", "PrintingTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ISO18626Tests",
            dependencies: [
                "ISO18626",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
