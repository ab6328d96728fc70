from certa.cli import main

raise SystemExit(main())
