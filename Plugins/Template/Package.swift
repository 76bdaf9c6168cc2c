// swift-tools-version: 6.0
// A Hark analysis plugin. Copy this folder, rename "MyPlugin", and build with
// `swift build`; the host loads the resulting libMyPlugin.so with dlopen.
import PackageDescription

let package = Package(
  name: "MyPlugin",
  // Hark itself asks for macOS 14; a dependant may not ask for less.
  platforms: [.macOS(.v14)],
  products: [
    // `.dynamic` is what makes a loadable libMyPlugin.so (not a static archive).
    .library(name: "MyPlugin", type: .dynamic, targets: ["MyPlugin"])
  ],
  dependencies: [
    // The Hark checkout this folder lives in. Outside it, point `path` at a
    // Hark checkout (or use `.package(url:from:)` with Hark's repository).
    .package(name: "Hark", path: "../..")
  ],
  targets: [
    .target(
      name: "MyPlugin",
      dependencies: [.product(name: "HarkPluginKit", package: "Hark")]
    ),
    .testTarget(name: "MyPluginTests", dependencies: ["MyPlugin"]),
  ]
)
