@echo off
rem The keyward command line of an installed Keyward: the app binary in its windowless CLI mode.
rem The CLI's arguments follow --, where Chromium reads no switches.
"%~dp0..\..\Keyward.exe" --keyward-cli -- %*
exit /b %ERRORLEVEL%
