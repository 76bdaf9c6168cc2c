// swift-tools-version: 6.0
// The Hark plugin SDK: everything a plugin author needs and nothing else.
// No dependencies, so a plugin built against it resolves one package.
//
//   HarkPluginABI  the C header hark_plugin.h, the only contract with the host
//   HarkPluginKit  the Swift face of that header, and the text tools the
//                  built-in plugins use (sentences, tokens, stems, negation)
//
// The plugin template (Template/) and the C example (ExampleC/) are built
// against it; Hark itself uses it by path.
import PackageDescription

let package = Package(
  name: "HarkSDK",
  products: [
    .library(name: "HarkPluginABI", targets: ["HarkPluginABI"]),
    .library(name: "HarkPluginKit", targets: ["HarkPluginKit"]),
  ],
  targets: [
    .target(name: "HarkPluginABI"),
    .target(name: "HarkPluginKit", dependencies: ["HarkPluginABI"]),
    .testTarget(name: "HarkPluginKitTests", dependencies: ["HarkPluginKit"]),
    // The header compiled as C and C++ authors compile it (cc, clang++).
    .testTarget(name: "HarkPluginABITests"),
  ]
)
