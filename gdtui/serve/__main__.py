from gdtui.serve import main

raise SystemExit(main())
