from factdesk.cli import main

main()
