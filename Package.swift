// swift-tools-version:6.1
import PackageDescription

/// Release settings of the modules on the hot path. It calls generic
/// identifier parsers and record accessors across module boundaries, which
/// without cross-module optimisation run unspecialised. And the readers'
/// state lives in classes, whose every access was checked for exclusivity
/// at run time (a tenth of validating XML): debug builds, which the tests
/// run, still check it.
let crossModule: [SwiftSetting] = [
  .unsafeFlags(
    ["-cross-module-optimization", "-enforce-exclusivity=unchecked"],
    .when(configuration: .release))
]

let package = Package(
  name: "siirto",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "siirto", targets: ["siirto"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Thin C modules: nothing but the system headers and the link line.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CLibCSV",
      providers: [.apt(["libcsv-dev"])]
    ),

    // Identifiers, problems, domain rules: pure values, no I/O.
    .target(
      name: "SiirtoCore",
      dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      exclude: ["README.md"],
      swiftSettings: crossModule
    ),
    // Readers and writers of the file formats, the schemas they use.
    .target(
      name: "SiirtoFormats",
      dependencies: [
        "SiirtoCore", "CLibXML2", "CLibCSV",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"],
      swiftSettings: crossModule,
      plugins: ["EmbedSchemas"]
    ),
    // The SQLite state: ledger, register, mandates, claims, events, audit chain.
    .target(
      name: "SiirtoStore",
      dependencies: [
        "SiirtoCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      exclude: ["README.md"],
      swiftSettings: crossModule
    ),
    // Auditor reports derived from the store.
    .target(
      name: "SiirtoReports",
      dependencies: ["SiirtoCore", "SiirtoFormats", "SiirtoStore"],
      exclude: ["README.md"]
    ),
    // The nightly run: intake, apply, derive, stage, commit, publish, recovery.
    .target(
      name: "SiirtoPipeline",
      dependencies: [
        "SiirtoCore", "SiirtoFormats", "SiirtoStore", "SiirtoReports",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]
    ),
    // The command line: argument parsing and exit codes only.
    .executableTarget(
      name: "siirto",
      dependencies: [
        "SiirtoPipeline", "SiirtoCore", "SiirtoFormats",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["README.md"]
    ),

    // A deterministic generator of realistic drops, for benchmarks and soak tests.
    .executableTarget(
      name: "siirto-gen",
      dependencies: [
        "SiirtoCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Build-time embedding of schemas/ so an installed binary needs no source tree.
    .executableTarget(name: "schema-embedder"),
    .plugin(
      name: "EmbedSchemas",
      capability: .buildTool(),
      dependencies: ["schema-embedder"]
    ),

    // libFuzzer harnesses (scripts/fuzz.sh builds them with -DSIIRTO_LIBFUZZER);
    // a plain build makes them replay the input files they are given.
    .systemLibrary(name: "CLibFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "SiirtoFormats", "SiirtoCore"]),
    .executableTarget(name: "FuzzCSVReader", dependencies: ["FuzzSupport"]),
    .executableTarget(name: "FuzzXMLReader", dependencies: ["FuzzSupport"]),
    .executableTarget(name: "FuzzIdentifiers", dependencies: ["FuzzSupport", "SiirtoCore"]),

    .testTarget(name: "SiirtoCoreTests", dependencies: ["SiirtoCore"]),
    .testTarget(name: "SiirtoGenTests", dependencies: ["siirto-gen", "SiirtoCore"]),
    .testTarget(
      name: "SiirtoFormatsTests",
      dependencies: ["SiirtoFormats", "SiirtoCore"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "SiirtoStoreTests", dependencies: ["SiirtoStore", "SiirtoCore"]),
    .testTarget(
      name: "SiirtoReportsTests",
      dependencies: [
        "SiirtoReports", "SiirtoFormats", "SiirtoStore", "SiirtoCore",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SiirtoPipelineTests",
      dependencies: [
        "SiirtoPipeline", "SiirtoStore", "SiirtoCore", "SiirtoFormats", "siirto",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      resources: [.copy("Fixtures")]
    ),
  ]
)
