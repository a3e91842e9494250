; Inno Setup 6 script: Coordinator for one Windows user, no administrator rights.
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\Coordinator /DOutputDir=dist /DRoot=. packaging\windows\coordinator.iss
;
; packaging/build.py runs this after PyInstaller when ISCC is on PATH. The program
; goes to %LOCALAPPDATA%\Programs\Coordinator, the data stays in
; %LOCALAPPDATA%\Coordinator (coordinator_app/core/store/paths.py), which the
; uninstaller leaves alone: removing the program never removes anyone's records.

#ifndef AppVersion
  #error Pass the version: /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\Coordinator"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef Root
  #define Root "..\.."
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F3C2B1E-9A4D-4E7B-8C21-5D0A7F4E9B13}
AppName=Coordinator
AppVersion={#AppVersion}
AppVerName=Coordinator {#AppVersion}
AppPublisher=Coordinator
DefaultDirName={autopf}\Coordinator
DefaultGroupName=Coordinator
DisableProgramGroupPage=yes
; Per-user: {autopf} is %LOCALAPPDATA%\Programs and the registry keys go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename=Coordinator-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\rendered\coordinator.ico
UninstallDisplayIcon={app}\Coordinator.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Inno Setup ships no Lithuanian wizard texts; Lithuanian users get the English wizard.
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "uk"; MessagesFile: "compiler:Languages\Ukrainian.isl"

[CustomMessages]
en.SyncBundle=Coordinator sync bundle
uk.SyncBundle=Пакет синхронізації Координатора
en.AssociateBundles=Open .coordsync sync bundles with Coordinator
uk.AssociateBundles=Відкривати пакети синхронізації .coordsync Координатором

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "{cm:AssociateBundles}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Coordinator"; Filename: "{app}\Coordinator.exe"
Name: "{autodesktop}\Coordinator"; Filename: "{app}\Coordinator.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install: the association needs no administrator.
Root: HKA; Subkey: "Software\Classes\.coordsync"; ValueType: string; ValueName: ""; ValueData: "Coordinator.SyncBundle"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Coordinator.SyncBundle"; ValueType: string; ValueName: ""; ValueData: "{cm:SyncBundle}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Coordinator.SyncBundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Coordinator.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Coordinator.SyncBundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Coordinator.exe"" ""%1"""; Tasks: associate

[Run]
Filename: "{app}\Coordinator.exe"; Description: "{cm:LaunchProgram,Coordinator}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder, on purpose: the database, its backups
; and logs in %LOCALAPPDATA%\Coordinator outlive the program.
