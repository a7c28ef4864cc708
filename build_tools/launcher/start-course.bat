@echo off
rem Start the course: double-click this file. Keep the window open while you work.
cd /d "%~dp0"
where py >nul 2>nul && (py -3 start_course.py %* & goto :done)
where python >nul 2>nul && (python start_course.py %* & goto :done)
echo Python is not installed. Install it from https://www.python.org/downloads/
echo (tick "Add python.exe to PATH"), then double-click this file again.
:done
pause
