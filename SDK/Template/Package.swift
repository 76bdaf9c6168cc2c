// swift-tools-version: 6.0
// A Hark analysis plugin. Copy this folder, rename "MyPlugin", and build with
// `swift build`; the host loads the resulting libMyPlugin.so with dlopen.
import PackageDescription

let package = Package(
  name: "MyPlugin",
  products: [
    // `.dynamic` is what makes a loadable libMyPlugin.so (not a static archive).
    .library(name: "MyPlugin", type: .dynamic, targets: ["MyPlugin"])
  ],
  dependencies: [
    // The Hark plugin SDK: the folder this template lives in. A copy of the
    // template elsewhere points `path` at its own copy of the SDK folder (or
    // at the SDK folder of a Hark checkout). The SDK has no dependencies.
    .package(name: "HarkSDK", path: "..")
  ],
  targets: [
    .target(
      name: "MyPlugin",
      dependencies: [.product(name: "HarkPluginKit", package: "HarkSDK")]
    ),
    .testTarget(name: "MyPluginTests", dependencies: ["MyPlugin"]),
  ]
)
