// The name the command line records decisions under, from the environment.
import HarkCLI
import Testing

@Suite("The decision actor's name")
struct ActorNameTests {
  @Test("the actor's name comes from HARK_USER, else the login name, and says which")
  func actorName() {
    let chosen = ActorName.fromEnvironment(["HARK_USER": "ruth", "USER": "rp"])
    #expect(chosen == ActorName(name: "ruth", origin: .harkUser))
    #expect(chosen.explanation == "as ruth, from $HARK_USER")
    let login = ActorName.fromEnvironment(["HARK_USER": "", "USER": "rp"])
    #expect(login == ActorName(name: "rp", origin: .loginName))
    #expect(login.explanation == "as rp, your login name ($USER); set HARK_USER to record another name")
    let none = ActorName.fromEnvironment([:])
    #expect(none == ActorName(name: "unknown", origin: nil))
    #expect(none.explanation == "as \"unknown\": neither HARK_USER nor USER is set; set HARK_USER to your name")
  }
}
