import HarkCLI

HarkCommand.main()
