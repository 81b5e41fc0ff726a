from gdtui.cli import main

raise SystemExit(main())
