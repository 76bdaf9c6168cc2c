// swift-tools-version: 6.0
import PackageDescription

/// A built-in analysis plugin: its logic as a module (unit-tested directly)
/// and a tiny entry module that exports `hark_plugin_entry` from a `.dynamic`
/// library the host loads with `dlopen`.
func builtInPlugin(_ name: String) -> [Target] {
  [
    .target(
      name: "Hark\(name)",
      dependencies: [kit] + (name == "CausalLinks" ? ["HarkEncoder"] : []),
      path: "Plugins/\(name)/Analysis"
    ),
    .target(
      name: "HarkPlugin\(name)",
      dependencies: [.target(name: "Hark\(name)"), kit],
      path: "Plugins/\(name)/Entry"
    ),
  ]
}

let pluginNames = ["Themes", "Sentiment", "Values", "CausalLinks"]

// The plugin SDK (SDK/, a package of its own with no dependencies): the C
// header every plugin is built against and the Swift kit the built-in plugins use.
let abi: Target.Dependency = .product(name: "HarkPluginABI", package: "SDK")
let kit: Target.Dependency = .product(name: "HarkPluginKit", package: "SDK")

let package = Package(
  name: "Hark",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "hark", targets: ["hark"]),
    // Developer tools that only work from a checkout: `hark-dev eval`, `bench`, `bench-map`.
    .executable(name: "hark-dev", targets: ["hark-dev"]),
    .library(name: "HarkPluginExampleC", type: .dynamic, targets: ["HarkPluginExampleC"]),
    // Built for the host's tests only; discovery ignores it (not libHarkPlugin*).
    .library(name: "HarkTestPluginMisbehaving", type: .dynamic, targets: ["HarkTestPluginMisbehaving"]),
  ]
    + pluginNames.map { .library(name: "HarkPlugin\($0)", type: .dynamic, targets: ["HarkPlugin\($0)"]) },
  dependencies: [
    .package(path: "SDK"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    // Password hashing (scrypt), tokens and HMAC for researcher accounts and panel invites.
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    // The web workbench: HTTP server and server-rendered pages.
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
  ],
  targets: [
    // Transcript and participant readers: bytes in, normalised text and
    // speaker turns out. Pure: no store, no SQL.
    .target(
      name: "HarkTranscripts",
      dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
    ),
    // Panel rules with no storage: the decision rule, agreement statistics and
    // the plain-language question a panel is asked. Pure: no store, no SQL.
    .target(name: "HarkPanels", dependencies: ["HarkTranscripts"]),
    // Researcher accounts' secrets: password hashes, tokens and their digests,
    // CSRF tokens and the sign-in throttle's policy. Pure: no store, no SQL.
    .target(
      name: "HarkAccounts",
      dependencies: [
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]
    ),
    // The project store: schema and migrations (`Schema/`), the domain model,
    // and the storage of panels, accounts and exchange. The only module that holds SQL.
    .target(
      name: "HarkStore",
      dependencies: [
        "HarkTranscripts", "HarkPanels", "HarkAccounts",
        .product(name: "GRDB", package: "GRDB.swift"),
        // SQLite's C API, for the rows of plugin results (`Store/RowInsert.swift`).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // REFI-QDA exchange (.qdpx projects, .qdc codebooks): XML read and
    // written, the archive, a file read into plain values the store adds, and
    // the export built from the store's public API. Above the store; no SQL.
    .target(
      name: "HarkExchange",
      dependencies: [
        "HarkStore", "HarkTranscripts",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(name: "HarkSystem"),
    .target(
      name: "HarkHost",
      dependencies: [
        "HarkStore", "HarkTranscripts", abi, "HarkSystem", .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // `hark-dev eval`: the plugins measured against human labels.
    .target(name: "HarkEval", dependencies: ["HarkStore", "HarkTranscripts", "HarkHost"]),
    .target(
      name: "HarkCLI",
      dependencies: [
        "HarkStore", "HarkTranscripts", "HarkPanels", "HarkExchange", "HarkHost", "HarkMap", "HarkWeb",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The developer's tools (`hark-dev`): the plugins scored against human
    // labels, coding-run and map benchmarks. Not part of the user's `hark`.
    .target(
      name: "HarkLab",
      dependencies: [
        "HarkCLI", "HarkStore", "HarkTranscripts", "HarkHost", "HarkEval", "HarkMap",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "hark-dev",
      dependencies: ["HarkLab", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .executableTarget(
      name: "hark",
      dependencies: ["HarkCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    // Fuzzy cognitive maps: weights, indices, scenarios, pictures and map files.
    .target(name: "HarkMap", dependencies: ["HarkStore", "HarkTranscripts"]),
    // The browser workbench and panel review: server-rendered HTML over the store.
    .target(
      name: "HarkWeb",
      dependencies: [
        "HarkStore", "HarkTranscripts", "HarkPanels", "HarkAccounts",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // The SDK's C example, built here too so hark finds it beside itself. It
    // exports only hark_plugin_entry; it has no headers of its own.
    .target(name: "HarkPluginExampleC", dependencies: [abi], path: "SDK/ExampleC", publicHeadersPath: "."),
    .target(
      name: "HarkTestPluginMisbehaving", dependencies: [kit, abi],
      path: "Tests/Fixtures/MisbehavingPlugin"),
    // Fixtures more than one test target builds on: a project made of short
    // interviews, temporary folders, another process holding the write lock.
    .target(
      name: "HarkTestSupport",
      dependencies: ["HarkStore", "HarkTranscripts", "HarkCLI", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Tests/HarkTestSupport"),
    .testTarget(
      name: "HarkStoreTests",
      dependencies: [
        "HarkStore", "HarkTranscripts", "HarkPanels", "HarkAccounts", "HarkTestSupport",
        // A few store tests check that what they store reaches a REFI-QDA export.
        "HarkExchange",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // REFI-QDA import and export end to end through a real store, checked
    // against the standard's schemas.
    .testTarget(
      name: "HarkExchangeTests",
      dependencies: [
        "HarkExchange", "HarkStore", "HarkTranscripts", "HarkTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .testTarget(name: "HarkPanelsTests", dependencies: ["HarkPanels"]),
    .testTarget(name: "HarkAccountsTests", dependencies: ["HarkAccounts"]),
    .testTarget(name: "HarkHostTests", dependencies: ["HarkHost", "HarkStore", "HarkTranscripts", "HarkTestSupport"]),
    .testTarget(name: "HarkTranscriptsTests", dependencies: ["HarkTranscripts", "HarkTestSupport"]),
    .testTarget(
      name: "HarkPluginTests",
      dependencies: [kit, "HarkEncoder"] + pluginNames.map { .byName(name: "Hark\($0)") }
    ),
    // The causal-links plugin's encoder: tokenizer, weights and the forward
    // pass. Optimised even in debug builds (numeric Swift at -Onone is too
    // slow for the tests), for x86-64 CPUs with AVX2 and FMA (Haswell, 2013, on).
    .target(
      name: "HarkEncoder", dependencies: ["HarkEncoderWide", "HarkEncoderKernel", "HarkEncoderCPU"],
      path: "Plugins/CausalLinks/Encoder",
      swiftSettings: [.unsafeFlags(["-O", "-target-cpu", "haswell"])]),
    // The encoder's matrix product for processors with AVX-512 (Skylake-SP,
    // Zen 4, on), used only where the processor check says so.
    .target(
      name: "HarkEncoderWide", dependencies: ["HarkEncoderKernel"], path: "Plugins/CausalLinks/EncoderWide",
      swiftSettings: [.unsafeFlags(["-O", "-target-cpu", "skylake-avx512"])]),
    // The product kernel both of those inline, each with its own processor
    // flags; compiled here for any x86-64, so no copy of it needs more.
    .target(name: "HarkEncoderKernel", path: "Plugins/CausalLinks/Kernel"),
    // CPUID for that check (Swift cannot ask the processor).
    .target(name: "HarkEncoderCPU", path: "Plugins/CausalLinks/CPU"),
    .testTarget(
      name: "HarkCLITests",
      dependencies: ["HarkCLI", "HarkStore", "HarkTranscripts", "HarkPanels", "HarkExchange", "HarkTestSupport"]),
    .testTarget(name: "HarkMapTests", dependencies: ["HarkMap", "HarkStore", "HarkTranscripts", "HarkTestSupport"]),
    .testTarget(
      name: "HarkWebTests",
      dependencies: [
        "HarkWeb", "HarkStore", "HarkTranscripts", "HarkPanels", "HarkAccounts", "HarkTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "HarkEvalTests", dependencies: ["HarkEval", "HarkStore", "HarkTranscripts", "HarkHost", "HarkTestSupport"]),
  ]
    + pluginNames.flatMap { builtInPlugin($0) }
)
