; Inno Setup 6 script: the Windows installer of Daftar, built from the one-folder build.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\daftar.iss      -> dist\daftar-0.1.0-setup.exe
;
; Per-machine install into "C:\Program Files\Daftar" (needs administrator rights), Start menu
; entries (Daftar, Daftar self-test, uninstall), optional desktop shortcut, optional PATH entry
; for the `daftar` command. Tesseract (in-process, plus the UB Mannheim tesseract.exe as a
; fallback) and its urd/eng/osd data are inside dist\daftar (see build.spec).
;
; Silent install (IT staff, e.g. from a USB stick or a deployment tool):
;   daftar-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /TASKS="desktopicon,addtopath"
;   daftar-0.1.0-setup.exe /VERYSILENT /DIR="D:\Apps\Daftar" /LOG="C:\Temp\daftar-setup.log"
; Silent uninstall (keeps every user's data):
;   "C:\Program Files\Daftar\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES
; ... and also deletes the data of the user who runs it (%LOCALAPPDATA%\Daftar):
;   "C:\Program Files\Daftar\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /DELETEDATA
;
; User data (workspaces, backups) lives in %LOCALAPPDATA%\Daftar of each user, or in
; DAFTAR_HOME; neither install, upgrade nor uninstall touches it unless asked as above.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\daftar"
#endif
#define AppName "Daftar"
#define AppExe "daftar-app.exe"

[Setup]
AppId={{6C1B0F7E-4B0A-4D57-9B2E-D4F7A1C3E2B9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Daftar
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=daftar-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\daftar.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes
; an upgrade installs over the old folder; user data is elsewhere and is kept
UsePreviousAppDir=yes
UsePreviousTasks=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "Add the daftar command to PATH (for IT staff)"; GroupDescription: "Command line:"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the program folder completely (never user data, which is not here)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; the licences of what Daftar carries, also beside the programs where IT staff look for them
Source: "{#SourceDir}\_internal\THIRD-PARTY-NOTICES.txt"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\daftar.exe"" self-test"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Current: string;
  P: Integer;
begin
  if RegQueryStringValue(HKEY_LOCAL_MACHINE,
    'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Current) then
  begin
    P := Pos(';' + Uppercase(Dir), Uppercase(Current));
    if P > 0 then
    begin
      Delete(Current, P, Length(Dir) + 1);
      RegWriteExpandStringValue(HKEY_LOCAL_MACHINE,
        'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Current);
    end;
  end;
end;

function DeleteDataAsked(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: string;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    RemoveFromPath(ExpandConstant('{app}'));
    Data := ExpandConstant('{localappdata}\Daftar');
    if DirExists(Data) then
    begin
      if DeleteDataAsked() then
        DelTree(Data, True, True, True)
      else if not UninstallSilent() then
        if MsgBox('Daftar was removed. Your registers, page images and backups are kept in:' + #13#10 +
                  Data + #13#10#13#10 + 'Delete them too? This cannot be undone.',
                  mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
          DelTree(Data, True, True, True);
    end;
  end;
end;
