@echo off
rem The keyward command line of an installed Keyward: Electron's own Node runs the bundled CLI.
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Keyward.exe" "%~dp0..\app.asar\out\main\cli.js" %*
